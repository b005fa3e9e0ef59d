# The layering of the code (docs/STYLE and issue 17): the readers (record/, io/) and the
# findings do not include the rules, engine, scoring, report or heading layers, so that a
# reader check is a constant beside the findings (findings/checks.hpp) and never a lookup in
# the rules' catalogue; the command line (src/cli/) includes only the public headers
# (marcaudit/...). A forbidden #include fails this test with the file, line and header.
# Inputs: -DSOURCE_DIR= (the repository)
set(rules
  "src/record|marcaudit/rules/,marcaudit/engine/,marcaudit/scoring/,marcaudit/report/,marcaudit/headings/,rules/,engine/,scoring/,report/"
  "src/io|marcaudit/rules/,marcaudit/engine/,marcaudit/scoring/,marcaudit/report/,marcaudit/headings/,rules/,engine/,scoring/,report/"
  "src/findings|marcaudit/rules/,marcaudit/engine/,marcaudit/scoring/,marcaudit/report/,marcaudit/io/,marcaudit/record/"
  "include/marcaudit/record|marcaudit/rules/,marcaudit/engine/,marcaudit/scoring/,marcaudit/report/,marcaudit/headings/"
  "include/marcaudit/io|marcaudit/rules/,marcaudit/engine/,marcaudit/scoring/,marcaudit/report/,marcaudit/headings/"
  "include/marcaudit/findings|marcaudit/rules/,marcaudit/engine/,marcaudit/scoring/,marcaudit/report/,marcaudit/io/,marcaudit/record/")
set(violations "")
foreach(rule IN LISTS rules)
  string(REPLACE "|" ";" parts "${rule}")
  list(GET parts 0 folder)
  list(GET parts 1 forbidden)
  string(REPLACE "," ";" forbidden "${forbidden}")
  file(GLOB_RECURSE files ${SOURCE_DIR}/${folder}/*.cpp ${SOURCE_DIR}/${folder}/*.hpp)
  foreach(file IN LISTS files)
    file(STRINGS ${file} includes REGEX "^#include \"")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" header "${line}")
      foreach(prefix IN LISTS forbidden)
        string(FIND "${header}" "${prefix}" pos)
        if(pos EQUAL 0)
          file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
          string(APPEND violations "  ${rel}: #include \"${header}\" (${folder} must not depend on ${prefix})\n")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()
# The command line: public headers only.
file(GLOB cli_files ${SOURCE_DIR}/src/cli/*.cpp)
foreach(file IN LISTS cli_files)
  file(STRINGS ${file} includes REGEX "^#include \"")
  foreach(line IN LISTS includes)
    string(REGEX REPLACE "^#include \"([^\"]+)\".*" "\\1" header "${line}")
    if(NOT header MATCHES "^marcaudit/")
      file(RELATIVE_PATH rel ${SOURCE_DIR} ${file})
      string(APPEND violations "  ${rel}: #include \"${header}\" (the command line includes only public headers)\n")
    endif()
  endforeach()
endforeach()
if(violations)
  message(FATAL_ERROR "includes that break the layering:\n${violations}")
endif()
message("layering holds")
