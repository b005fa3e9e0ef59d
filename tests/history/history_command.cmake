# 'marcaudit history FILE' after four nights (the baseline fixtures' two exports and LC's own
# records, one night failing its --min-records gate), compared with
# tests/history/expected-history.txt byte for byte; MARCAUDIT_UPDATE_GOLDEN=1 rewrites it.
# Also: the audit summary's history section, and the errors a nightly job can meet.
# Inputs: -DBINARY= -DWORKDIR= (tests/) -DOUT= (a scratch folder)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(nights
  "2026-11-01|0|${WORKDIR}/fixtures/baseline/night1.mrk"
  "2026-11-02|0|${WORKDIR}/fixtures/baseline/night2.mrk"
  "2026-11-05T03:00:00Z|1|--min-records 100 ${WORKDIR}/data/bib/loc-catalog-z3950-perl-query-50.utf8.mrc"
  "2026-11-06|0|${WORKDIR}/fixtures/baseline/night2.mrk")
foreach(night IN LISTS nights)
  string(REPLACE "|" ";" parts "${night}")
  list(GET parts 0 date)
  list(GET parts 1 want)
  list(GET parts 2 args)
  separate_arguments(args UNIX_COMMAND "${args}")
  execute_process(COMMAND ${BINARY} audit --no-progress --history history.db --as-of ${date} ${args}
                  WORKING_DIRECTORY ${OUT} RESULT_VARIABLE rc OUTPUT_VARIABLE summary ERROR_VARIABLE err)
  if(NOT rc EQUAL want)
    message(FATAL_ERROR "the run of ${date} exited ${rc}, not ${want}: ${err}")
  endif()
endforeach()
# The last night's summary compares with the night before and names what is open longest.
foreach(expected "History: history.db: 4 runs from 2026-11-01 to 2026-11-06"
                 "score 86.0 (run 2: 86.0; run 1: 88.0), records 4 (run 2: 4)" "open longest:")
  string(FIND "${summary}" "${expected}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "'${expected}' is not in the summary:\n${summary}")
  endif()
endforeach()
execute_process(COMMAND ${BINARY} history history.db WORKING_DIRECTORY ${OUT}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "marcaudit history exited ${rc}: ${err}")
endif()
# The database's size depends on SQLite's page layout, not on marcaudit: left out.
string(REGEX REPLACE "; [0-9.]+ [KM]B on disk \\([^)]*\\)" "; (size) on disk" out "${out}")
set(expected_file ${WORKDIR}/history/expected-history.txt)
if(DEFINED ENV{MARCAUDIT_UPDATE_GOLDEN})
  file(WRITE ${expected_file} "${out}")
endif()
file(READ ${expected_file} want)
if(NOT out STREQUAL want)
  file(WRITE ${OUT}/history.txt "${out}")
  execute_process(COMMAND diff -u ${expected_file} ${OUT}/history.txt OUTPUT_VARIABLE diff)
  message(FATAL_ERROR "marcaudit history differs from ${expected_file}:\n${diff}")
endif()
# Errors: a date before the last run's, --as-of without --history, a file that is not a history.
execute_process(COMMAND ${BINARY} audit --no-progress --history history.db --as-of 2026-11-03
                        ${WORKDIR}/fixtures/baseline/night2.mrk
                WORKING_DIRECTORY ${OUT} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
string(FIND "${err}" "its last run is of 2026-11-06, after this one (2026-11-03)" pos)
if(NOT rc EQUAL 2 OR pos EQUAL -1)
  message(FATAL_ERROR "a run dated before the last one: exit ${rc}, ${err}")
endif()
execute_process(COMMAND ${BINARY} audit --as-of 2026-11-03 ${WORKDIR}/fixtures/baseline/night2.mrk
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
string(FIND "${err}" "give --history FILE too" pos)
if(NOT rc EQUAL 2 OR pos EQUAL -1)
  message(FATAL_ERROR "--as-of without --history: exit ${rc}, ${err}")
endif()
execute_process(COMMAND ${BINARY} history ${WORKDIR}/fixtures/baseline/night1.json
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
string(FIND "${err}" "not a marcaudit history database" pos)
if(NOT rc EQUAL 2 OR pos EQUAL -1)
  message(FATAL_ERROR "history of a JSON file: exit ${rc}, ${err}")
endif()
