# Renders the HTML report in headless Chromium: a screenshot of page one is produced, the
# browser logs no console error, the key numbers are in the DOM, and the headline (score,
# records, findings, cleanup, both charts) fits a 1280x800 window without scrolling.
# Skipped (exit 77) when Chromium is not installed: `.ci/run` installs it.
# Inputs: -DBINARY= -DWORKDIR= -DOUT= (a scratch folder)
find_program(CHROMIUM NAMES chromium chromium-browser google-chrome)
if(NOT CHROMIUM)
  message("SKIPPED: Chromium is not installed (Debian package chromium), so the HTML report was not rendered")
  cmake_language(EXIT 77)
endif()
file(REMOVE_RECURSE ${OUT})
execute_process(COMMAND ${BINARY} audit --no-progress --profile vendor-ebooks --format html --report-dir ${OUT}
                        data/vendor --catalog fixtures/vendor-demo/catalog.mrk
                WORKING_DIRECTORY ${WORKDIR} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "marcaudit audit --format html exited ${rc}")
endif()
set(flags --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking
          --disable-component-update --disable-sync --window-size=1280,800 --hide-scrollbars
          --enable-logging=stderr --v=0)
execute_process(COMMAND ${CHROMIUM} ${flags} --screenshot=${OUT}/page-one.png file://${OUT}/report.html
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0 OR NOT EXISTS ${OUT}/page-one.png)
  message(FATAL_ERROR "Chromium made no screenshot (exit ${rc}):\n${err}")
endif()
file(SIZE ${OUT}/page-one.png png_size)
if(png_size LESS 10000)
  message(FATAL_ERROR "the screenshot of page one is only ${png_size} bytes")
endif()
if(err MATCHES "CONSOLE|Uncaught|Refused to load")
  message(FATAL_ERROR "the browser logged errors:\n${err}")
endif()
# The DOM, with a probe that measures the headline: the report itself has no script.
file(READ ${OUT}/report.html html)
string(REPLACE "</body>" "<script>document.title = document.getElementById('headline').getBoundingClientRect().bottom <= window.innerHeight ? 'HEADLINE-FITS' : 'HEADLINE-SCROLLS ' + document.getElementById('headline').getBoundingClientRect().bottom;</script></body>" probed "${html}")
file(WRITE ${OUT}/probe.html "${probed}")
execute_process(COMMAND ${CHROMIUM} ${flags} --dump-dom file://${OUT}/probe.html
                RESULT_VARIABLE rc OUTPUT_VARIABLE dom ERROR_VARIABLE err TIMEOUT 120)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "Chromium could not load the report (exit ${rc}):\n${err}")
endif()
foreach(expected "<title>HEADLINE-FITS</title>" "23.1" ">F</span>" "96</div>" "1,258</div>" "13–38 h" "Findings by module"
                 "What the heading cleanup does for searches" "Records to fix, by problem" "Duplicates: 3 group(s)" "Worth the staff time first"
                 "vendor-not-online")
  string(FIND "${dom}" "${expected}" pos)
  if(pos EQUAL -1)
    string(REGEX MATCH "<title>[^<]*</title>" title "${dom}")
    message(FATAL_ERROR "'${expected}' is not in the rendered page (${title})")
  endif()
endforeach()
message("rendered: ${OUT}/page-one.png (${png_size} bytes)")
