using System;
using System.IO;

namespace Kan.Cli.Tests;

/// <summary>Runs <c>kan</c> in-process and captures its streams; each test works in its own temporary folder.</summary>
public sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory = Path.Combine(Path.GetTempPath(), "kan-cli-tests-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name);

    public string PathOf(string name) => Path.Combine(Directory, name);

    public string Write(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// Runs kan in-process. Whatever a test expects, a crash (an exception no command anticipated, exit 70) fails
    /// it here, so an internal error can never pass for a reported user error that happens to share some words.
    /// </summary>
    public Result Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = KanCli.Run(args, stdout, stderr);
        return new Result(code, stdout.ToString(), stderr.ToString()).ShouldNotBeInternalError();
    }

    /// <summary>Imports a pykan fixture to a .kan file in the test folder and returns its path.</summary>
    public string Import(string fixture)
    {
        string model = PathOf(Path.ChangeExtension(fixture, ".kan"));
        Result r = Run("import-pykan", Fixture(fixture), "-o", model);
        r.ExitCode.ShouldBe(0, r.Stderr);
        return model;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder is not a test failure.
        }
    }

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public Result ShouldNotBeInternalError()
        {
            ExitCode.ShouldNotBe(ExitCodes.InternalError, "kan crashed: " + Stderr);
            Stderr.ShouldNotContain("internal error", Case.Insensitive, "kan crashed: " + Stderr);
            return this;
        }

        /// <summary>Asserts the failure contract: non-zero exit, exactly one stderr line starting "kan: error: ", nothing on stdout.</summary>
        public string ShouldFailWith(int exitCode, string expected)
        {
            ExitCode.ShouldBe(exitCode, "stderr: " + Stderr);
            string[] lines = Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            lines.Length.ShouldBe(1, "stderr must be one line: " + Stderr);
            lines[0].ShouldStartWith(KanCli.ErrorPrefix);
            lines[0].ShouldContain(expected, Case.Sensitive);
            lines[0].ShouldNotContain("   at ");
            Stdout.ShouldBeEmpty();
            return lines[0];
        }
    }
}
