namespace Kan.Cli;

/// <summary>The process exit codes every command uses (docs/cli.md lists them).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A file or its contents is wrong: missing file, malformed .kan or CSV, wrong column count, bad number.</summary>
    public const int BadInput = 1;

    /// <summary>The command line itself is wrong: unknown command or option, missing argument.</summary>
    public const int Usage = 2;

    /// <summary>
    /// A bug in kan, not a problem with the input: an exception no command anticipated. sysexits.h's EX_SOFTWARE,
    /// distinct from <see cref="BadInput"/> so scripts and tests never mistake a crash for a reported user error.
    /// </summary>
    public const int InternalError = 70;

    /// <summary>Training was cancelled (Ctrl+C); nothing was written. 130 is the shell's code for SIGINT.</summary>
    public const int Cancelled = 130;
}
