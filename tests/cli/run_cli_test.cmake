# Runs BINARY with ARGS in WORKDIR; checks the exit code, and that stdout equals
# EXPECTED_FILE (when given) or that stdout+stderr contain CONTAINS (when given).
# To refresh an expected file after an intended change: set MARCAUDIT_UPDATE_GOLDEN=1.
separate_arguments(args UNIX_COMMAND "${ARGS}")
set(stdin_option)
if(STDIN_FILE)
  set(stdin_option INPUT_FILE ${WORKDIR}/${STDIN_FILE})
endif()
execute_process(COMMAND ${BINARY} ${args}
  WORKING_DIRECTORY ${WORKDIR} ${stdin_option}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT "${rc}" STREQUAL "${EXPECTED_EXIT}")
  message(FATAL_ERROR "exit code ${rc}, expected ${EXPECTED_EXIT}\nstdout:\n${out}\nstderr:\n${err}")
endif()
if(EXPECTED_FILE)
  if(DEFINED ENV{MARCAUDIT_UPDATE_GOLDEN})
    file(WRITE ${WORKDIR}/${EXPECTED_FILE} "${out}")
  endif()
  file(READ ${WORKDIR}/${EXPECTED_FILE} expected)
  if(NOT out STREQUAL expected)
    file(WRITE ${CMAKE_CURRENT_BINARY_DIR}/actual_output "${out}")
    execute_process(COMMAND diff -u ${WORKDIR}/${EXPECTED_FILE} ${CMAKE_CURRENT_BINARY_DIR}/actual_output
                    OUTPUT_VARIABLE diff)
    message(FATAL_ERROR "output differs from ${EXPECTED_FILE}:\n${diff}")
  endif()
endif()
if(CONTAINS)
  string(FIND "${out}${err}" "${CONTAINS}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "output does not contain '${CONTAINS}'\nstdout:\n${out}\nstderr:\n${err}")
  endif()
endif()
