# bash completion for marcaudit: commands, each command's options, profile names, rule ids
# for 'rules --explain', formats and severities; files and folders otherwise.
# Installed as share/bash-completion/completions/marcaudit; or: source this file.

_marcaudit_options() {  # COMMAND: its options, from its --help
    "${1}" "${2}" --help 2>/dev/null | grep -oE -- '--[a-z][a-z0-9-]*' | sort -u
}

_marcaudit() {
    local cur prev cmd
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    local bin=${COMP_WORDS[0]}
    if [ "$COMP_CWORD" -eq 1 ]; then
        mapfile -t COMPREPLY < <(compgen -W "audit dump rules history --help --version" -- "$cur")
        return
    fi
    cmd=${COMP_WORDS[1]}
    case "$prev" in
        -p|--profile)
            local rules_dir
            rules_dir=$("$bin" --version 2>/dev/null | sed -n 's/^rules: //p')
            local profiles=""
            if [ -d "$rules_dir/profiles" ]; then
                profiles=$(cd "$rules_dir/profiles" && for f in *.toml; do echo "${f%.toml}"; done)
            fi
            mapfile -t COMPREPLY < <(compgen -W "$profiles" -- "$cur")
            mapfile -t -O "${#COMPREPLY[@]}" COMPREPLY < <(compgen -f -X '!*.toml' -- "$cur")
            return
            ;;
        --explain)
            mapfile -t COMPREPLY < <(compgen -W "$("$bin" rules 2>/dev/null | cut -d' ' -f1)" -- "$cur")
            return
            ;;
        -f|--format)
            local prefix=${cur%,*}
            local last=${cur##*,}
            if [ "$prefix" = "$cur" ]; then
                prefix=""
            else
                prefix="$prefix,"
            fi
            mapfile -t COMPREPLY < <(compgen -P "$prefix" -W "text json html csv junit" -- "$last")
            return
            ;;
        --fail-on)
            mapfile -t COMPREPLY < <(compgen -W "error warning info none" -- "$cur")
            return
            ;;
        --report-dir)
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            return
            ;;
        -j|--threads|--min-score|--min-records|--max-drop|--as-of|-n|--runs)
            COMPREPLY=()
            return
            ;;
    esac
    if [[ "$cur" == -* ]]; then
        mapfile -t COMPREPLY < <(compgen -W "$(_marcaudit_options "$bin" "$cmd")" -- "$cur")
        return
    fi
    mapfile -t COMPREPLY < <(compgen -f -- "$cur")
}

complete -o filenames -F _marcaudit marcaudit
