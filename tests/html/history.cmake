# Renders the HTML report of a run kept in a history in headless Chromium: the trend (an
# inline SVG line of the score and of the clean share, one point a run, a failed run in red),
# the rules open longest, and with --baseline the new and resolved findings are in the DOM,
# and the browser logs no error. Three nights: the first fails its --min-records gate; the
# third compares with the first's JSON report. The first night's input failed its gate, so
# its findings are not taken as the catalog's state: the open problems date from night 2.
# Skipped (exit 77) when Chromium is not installed: `.ci/run` installs it.
# Inputs: -DBINARY= -DWORKDIR= (tests/) -DOUT= (a scratch folder)
find_program(CHROMIUM NAMES chromium chromium-browser google-chrome)
if(NOT CHROMIUM)
  message("SKIPPED: Chromium is not installed (Debian package chromium), so the HTML report was not rendered")
  cmake_language(EXIT 77)
endif()
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT})
set(db ${OUT}/history.db)
set(nights
  "2026-11-01|1|--min-records 5 --format json -o ${OUT}/night1.json fixtures/baseline/night1.mrk"
  "2026-11-02|0|fixtures/baseline/night2.mrk"
  "2026-11-03|0|--format html --report-dir ${OUT}/report --baseline ${OUT}/night1.json fixtures/baseline/night2.mrk")
foreach(night IN LISTS nights)
  string(REPLACE "|" ";" parts "${night}")
  list(GET parts 0 date)
  list(GET parts 1 want)
  list(GET parts 2 args)
  separate_arguments(args UNIX_COMMAND "${args}")
  execute_process(COMMAND ${BINARY} audit --no-progress --history ${db} --as-of ${date} ${args}
                  WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL want)
    message(FATAL_ERROR "the run of ${date} exited ${rc}, not ${want}: ${err}")
  endif()
endforeach()
set(flags --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
          --disable-component-update --disable-sync --window-size=1280,800 --hide-scrollbars
          --enable-logging=stderr --v=0)
execute_process(COMMAND ${CHROMIUM} ${flags} --dump-dom file://${OUT}/report/report.html
                RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Chromium could not load the report (exit ${rc}):\n${err}")
endif()
if(err MATCHES "CONSOLE|Uncaught|Refused to load")
  message(FATAL_ERROR "the browser logged errors:\n${err}")
endif()
foreach(expected "History of runs" "3 run(s) from 2026-11-01 to 2026-11-03" "Score and clean records per run"
                 "<polyline id=\"trend-score\"" "<polyline id=\"trend-clean\"" "fill=\"#fff\" stroke=\"#b3261e\"><title>run 1, 2026-11-01"
                 "failed on the input (a broken export: not counted)" "run 3, 2026-11-03: score 86.0" "Open longest" "2026-11-02 (run 2)"
                 "Since the baseline: 7 new, 2 resolved" "New findings" "Resolved findings")
  string(FIND "${dom}" "${expected}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "'${expected}' is not in the rendered page")
  endif()
endforeach()
# One point a run on each line.
string(REGEX MATCH "<polyline id=\"trend-score\"[^>]*points=\"([^\"]*)\"" line "${dom}")
string(REGEX MATCHALL "[0-9.]+,[0-9.]+" points "${CMAKE_MATCH_1}")
list(LENGTH points n)
if(NOT n EQUAL 3)
  message(FATAL_ERROR "the score line has ${n} points, not 3: ${line}")
endif()
message("rendered the history of 3 runs")
