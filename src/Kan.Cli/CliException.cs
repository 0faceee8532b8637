using System;

namespace Kan.Cli;

/// <summary>
/// An error a command reports to the user: <see cref="KanCli"/> prints its message as one
/// <c>kan: error: </c> line on stderr and exits with <see cref="ExitCode"/>. The message names the file
/// (and line/column where there is one) and what was expected.
/// </summary>
public sealed class CliException : Exception
{
    public CliException(string message, int exitCode = ExitCodes.BadInput)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
