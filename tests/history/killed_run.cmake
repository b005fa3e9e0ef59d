# The history database survives a run that dies while writing it, and a disk that fills up:
# a run is appended in one transaction, so the database is as it was before the run.
#  1. a first run is kept;
#  2. a second run (383 records, many findings) is killed by the kernel mid-write: the file
#     size limit (ulimit -f) is set a little above the database's size, so the write that
#     grows it past the limit gets SIGXFSZ (the default action ends the process). A hot
#     journal is left beside the half-written database;
#  3. 'marcaudit history' rolls it back: one run, and the database whole;
#  4. the same run with SIGXFSZ ignored gets "file too large" from write(), as on a full disk:
#     exit 2, the message says the database is as it was, and it is;
#  5. the same run without a limit is kept: two runs.
# Needs bash (for ulimit); skipped (77) without it.
# Inputs: -DBINARY= -DWORKDIR= (tests/) -DOUT= (a scratch folder)
find_program(BASH bash)
if(NOT BASH)
  message("SKIPPED: bash is not installed, so the file size limit could not be set")
  cmake_language(EXIT 77)
endif()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(db ${OUT}/history.db)
set(first ${WORKDIR}/data/bib/evergreen-rda-records-10.utf8.mrc)
set(second ${WORKDIR}/data/malformed/marc4j-pride-and-prejudice-with-many-errors-383.mrc)

function(expect_history runs)
  execute_process(COMMAND ${BINARY} history ${db} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "marcaudit history exited ${rc}: ${err}")
  endif()
  string(FIND "${out}" "${db}: ${runs} from" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "expected '${runs}' in the history, got:\n${out}")
  endif()
endfunction()

execute_process(COMMAND ${BINARY} audit --no-progress --history ${db} --as-of 2026-11-01 ${first}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the first run exited ${rc}: ${err}")
endif()
file(SIZE ${db} size)
math(EXPR limit_kb "${size} / 1024 + 8")

# 2. Killed mid-write.
execute_process(COMMAND ${BASH} -c "ulimit -f ${limit_kb}; exec \"$0\" audit --no-progress --history \"$1\" --as-of 2026-11-02 \"$2\""
                        ${BINARY} ${db} ${second}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(rc EQUAL 0 OR rc EQUAL 1 OR rc EQUAL 2)
  message(FATAL_ERROR "the run under 'ulimit -f ${limit_kb}' was not killed (exit ${rc}): the limit did not bite")
endif()
if(NOT EXISTS ${db}-journal)
  message(FATAL_ERROR "the killed run left no journal: it was not killed while writing the database (${rc})")
endif()
message("killed mid-write: ${rc}")
# 3. Rolled back on the next read.
expect_history("1 run")
file(SIZE ${db} after)
if(NOT after EQUAL size)
  message(FATAL_ERROR "the database is ${after} bytes after the rollback, ${size} before the killed run")
endif()

# 4. A full disk: write() fails, the run says so and leaves the database as it was.
execute_process(COMMAND ${BASH} -c "trap '' XFSZ; ulimit -f ${limit_kb}; exec \"$0\" audit --no-progress --history \"$1\" --as-of 2026-11-02 \"$2\""
                        ${BINARY} ${db} ${second}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 2)
  message(FATAL_ERROR "the run that could not write the database exited ${rc}, not 2: ${err}")
endif()
string(FIND "${err}" "the database is as it was before this run" pos)
if(pos EQUAL -1)
  message(FATAL_ERROR "the message does not say the database is unchanged:\n${err}")
endif()
string(FIND "${out}" "Records: 383 read" pos)
if(pos EQUAL -1)
  message(FATAL_ERROR "the summary was not written although the history could not be:\n${out}")
endif()
expect_history("1 run")

# 5. The same run, with room.
execute_process(COMMAND ${BINARY} audit --no-progress --history ${db} --as-of 2026-11-02 ${second}
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the run with room exited ${rc}: ${err}")
endif()
expect_history("2 runs")
