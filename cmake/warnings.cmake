# Warnings for marcaudit's own targets (not for third-party headers).
function(marcaudit_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
    -Wcast-align -Wimplicit-fallthrough)
endfunction()
