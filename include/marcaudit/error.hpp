#pragma once

/// @file
/// marcaudit's errors: one base that carries the exit status the command line ends with
/// (docs/exit-codes.md), so that `main` needs one handler for all of them.

#include <stdexcept>
#include <string>
#include <string_view>

namespace marcaudit {

/// What the exit status of `marcaudit` says (docs/exit-codes.md). Stable.
enum class ExitCode : int {
    ok = 0,           ///< done, every gate passed
    gate_failed = 1,  ///< a gate failed (the reports are written)
    usage = 2,        ///< usage or configuration error, or output that cannot be written
    input = 3,        ///< an input (or the baseline) could not be read
    internal = 4,     ///< a bug, or an installation that lacks a part marcaudit needs
};

/// The base of marcaudit's errors: a message in catalogers' words, the exit status it ends
/// the run with, and what the message is about ("profile", "history"), for its prefix.
class Error : public std::runtime_error {
public:
    Error(ExitCode code, const std::string& message, std::string_view topic = {})
        : std::runtime_error(message), m_code(code), m_topic(topic) {}

    [[nodiscard]] ExitCode exit_code() const noexcept { return m_code; }
    /// What the message is about, or empty: printed as "marcaudit: TOPIC: message".
    [[nodiscard]] std::string_view topic() const noexcept { return m_topic; }

private:
    ExitCode m_code;
    std::string_view m_topic;  // a literal
};

/// The installation lacks something marcaudit needs (YAZ without its MARC-8 tables): not a
/// bug, and the message says what to install. Exit 4.
class EnvironmentError : public Error {
public:
    explicit EnvironmentError(const std::string& message) : Error(ExitCode::internal, message, "installation") {}
};

} // namespace marcaudit
