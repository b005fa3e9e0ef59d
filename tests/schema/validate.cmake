# Writes JSON reports of runs that exercise every part of the report (vendor load with a
# catalog, headings with authority data, a baseline, damaged input, a history of two runs) and validates them
# against docs/report-schema.json. Skipped (77) without python3 and its jsonschema module.
# Inputs: -DBINARY= -DWORKDIR= (tests/) -DSCHEMA= -DOUT=
find_program(PYTHON NAMES python3)
if(NOT PYTHON)
  message("SKIPPED: python3 is not installed, so the JSON reports were not validated")
  cmake_language(EXIT 77)
endif()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(runs
  "vendor|--profile vendor-ebooks data/vendor --catalog fixtures/vendor-demo/catalog.mrk"
  "headings|fixtures/headings/batch.mrk --authorities data/auth/lc-name-authority-sample-namemrc-273.xml data/auth/lc-subject-authority-sample-subjmrc-193.xml --catalog fixtures/headings/catalog.mrk"
  "baseline|--profile fixtures/baseline/gates.toml --baseline fixtures/baseline/night1.json fixtures/baseline/night2.mrk"
  "malformed|data/malformed/perl-badldr-7.usmarc data/malformed/marc4j-bad-too-long-plus-2.mrc"
  "history1|--history ${OUT}/history.db --as-of 2026-11-01 --min-records 5 fixtures/baseline/night1.mrk"
  "history2|--history ${OUT}/history.db --as-of 2026-11-02 fixtures/baseline/night2.mrk")
set(reports)
foreach(run IN LISTS runs)
  string(REPLACE "|" ";" parts "${run}")
  list(GET parts 0 name)
  list(GET parts 1 args)
  separate_arguments(args UNIX_COMMAND "${args}")
  execute_process(COMMAND ${BINARY} audit --no-progress --format json -o ${OUT}/${name}.json ${args}
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 AND NOT rc EQUAL 1)
    message(FATAL_ERROR "marcaudit audit (${name}) exited ${rc}: ${err}")
  endif()
  list(APPEND reports ${OUT}/${name}.json)
endforeach()
execute_process(COMMAND ${PYTHON} ${WORKDIR}/schema/validate.py ${SCHEMA} ${reports}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message("${out}${err}")
if(rc EQUAL 77)
  cmake_language(EXIT 77)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a report does not match docs/report-schema.json")
endif()
