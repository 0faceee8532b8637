using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.InteropServices;

namespace Kan.Cli.Tests;

/// <summary>
/// Runs kan as a user that file permissions apply to. Root ignores them (it reads a mode-000 file and writes into a
/// mode-555 folder), and CI runs as root here, so then the built kan.dll runs in a child process as 'nobody'
/// through setpriv (util-linux). As any other user kan simply runs in-process. Where neither is possible
/// (root without setpriv, or Windows) the tests that need it are skipped, saying why.
/// </summary>
public static class NonRootRunner
{
    private const uint Nobody = 65534;

    /// <summary>Null when permission tests can run here, else the reason they cannot.</summary>
    public static string? Unavailable { get; } = Probe();

    private static bool IsRoot => geteuid() == 0;

    /// <summary>Runs <paramref name="args"/> in <paramref name="folder"/>, which is opened to every user first (the child writes there).</summary>
    public static CliRunner.Result Run(string folder, string[] args)
    {
        if (!IsRoot)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = KanCli.Run(args, stdout, stderr);
            return new CliRunner.Result(code, stdout.ToString(), stderr.ToString()).ShouldNotBeInternalError();
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        }

        var start = new ProcessStartInfo("setpriv")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "--reuid=" + Nobody, "--regid=" + Nobody, "--clear-groups", "--", DotnetHost(), KanDll })
        {
            start.ArgumentList.Add(a);
        }

        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process process = Process.Start(start)!;
        var stdoutTask = process.StandardOutput.ReadToEndAsync();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return new CliRunner.Result(process.ExitCode, stdoutTask.Result, errors.Replace("\r\n", "\n")).ShouldNotBeInternalError();
    }

    private static string KanDll => Path.Combine(AppContext.BaseDirectory, "kan.dll");

    /// <summary>The dotnet muxer running these tests (kan.dll is framework-dependent).</summary>
    private static string DotnetHost()
    {
        string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (host is not null && File.Exists(host))
        {
            return host;
        }

        string? process = Environment.ProcessPath;
        return process is not null && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process : "dotnet";
    }

    private static string? Probe()
    {
        if (OperatingSystem.IsWindows())
        {
            return "Unix file permissions do not exist on Windows";
        }

        if (!IsRoot)
        {
            return null;
        }

        // Root: can a child process drop to 'nobody' and still start the runtime and read kan.dll?
        try
        {
            using Process process = Process.Start(new ProcessStartInfo("setpriv")
            {
                ArgumentList = { "--reuid=" + Nobody, "--regid=" + Nobody, "--clear-groups", "--", DotnetHost(), KanDll, "--help" },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
            process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : "running as root, and kan cannot run as 'nobody' through setpriv here (exit " + process.ExitCode + "), so permission denials cannot be observed";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "running as root without setpriv (" + e.Message + "), so permission denials cannot be observed";
        }
    }

    [DllImport("libc", SetLastError = false)]
    private static extern uint geteuid();
}

/// <summary>A theory that needs file permissions to bite (see <see cref="NonRootRunner"/>); skipped with the reason where they cannot.</summary>
public sealed class NonRootTheoryAttribute : TheoryAttribute
{
    public NonRootTheoryAttribute()
    {
        if (NonRootRunner.Unavailable is string reason)
        {
            Skip = reason;
        }
    }
}
