using System;
using System.IO;
using System.Linq;

namespace Kan.Cli.Tests.Commands;

/// <summary>
/// Every command x every failure class (<see cref="FailureMatrix"/>), end to end: the documented exit code, exactly
/// one "kan: error: " line naming the problem, nothing on standard output, and no file created or changed.
/// </summary>
public class FailureMatrixTests
{
    public static TheoryData<string, string, Slot> InProcessCases() => Data(nonRoot: false);

    public static TheoryData<string, string, Slot> PermissionCases() => Data(nonRoot: true);

    public static TheoryData<string> CommandNames()
    {
        var data = new TheoryData<string>();
        foreach (CommandRow c in FailureMatrix.Commands)
        {
            data.Add(c.Name);
        }

        return data;
    }

    /// <summary>Each row works on the good files, so a failure below is the spoiled file's doing, not a broken row.</summary>
    [Theory]
    [MemberData(nameof(CommandNames))]
    public void Every_row_succeeds_on_the_good_files(string command)
    {
        using var cli = new CliRunner();
        CommandRow row = FailureMatrix.Commands.Single(c => c.Name == command);
        MatrixFiles files = FailureMatrix.Create(cli.Directory, row);
        CliRunner.Result r = cli.Run(row.Args(files));
        r.ExitCode.ShouldBe(0, r.Stderr);
        File.Exists(files.Written).ShouldBe(row.Uses.HasFlag(Slot.Output));
    }

    [Theory]
    [MemberData(nameof(InProcessCases))]
    public void Command_fails_cleanly(string command, string failure, Slot slot)
    {
        using var cli = new CliRunner();
        Check(cli, command, failure, slot, args => cli.Run(args));
    }

    /// <summary>Unreadable inputs and read-only folders: only a user that permissions bind sees them (see <see cref="NonRootRunner"/>).</summary>
    [NonRootTheory]
    [MemberData(nameof(PermissionCases))]
    public void Command_fails_cleanly_on_permissions(string command, string failure, Slot slot)
    {
        using var cli = new CliRunner();
        Check(cli, command, failure, slot, args => NonRootRunner.Run(cli.Directory, args));
    }

    [Fact]
    public void The_matrix_covers_every_command_of_the_tool()
    {
        var root = KanCli.CreateRoot(new CliContext(TextWriter.Null, TextWriter.Null));
        string[] leaves = root.Subcommands.SelectMany(c => c.Subcommands.Count == 0 ? new[] { c.Name } : c.Subcommands.Select(s => c.Name + " " + s.Name)).ToArray();
        FailureMatrix.Commands.Select(c => c.Name).ShouldBe(leaves, ignoreOrder: true);
    }

    [Fact]
    public void Docs_cli_md_shows_the_same_table()
    {
        string docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md")).Replace("\r\n", "\n");
        const string start = "<!-- failure-matrix: generated from tests/Kan.Cli.Tests/Commands/FailureMatrix.cs -->\n", end = "<!-- /failure-matrix -->";
        int from = docs.IndexOf(start, StringComparison.Ordinal);
        from.ShouldBeGreaterThanOrEqualTo(0, "docs/cli.md lacks the failure matrix markers");
        from += start.Length;
        int to = docs.IndexOf(end, from, StringComparison.Ordinal);
        docs.Substring(from, to - from).ShouldBe(FailureMatrix.MarkdownTable(), "docs/cli.md's failure table differs from the tested one; paste FailureMatrix.MarkdownTable()");
    }

    private static void Check(CliRunner cli, string command, string failure, Slot slot, Func<string[], CliRunner.Result> run)
    {
        CommandRow row = FailureMatrix.Commands.Single(c => c.Name == command);
        FailureClass kind = FailureMatrix.Classes.Single(k => k.Name == failure);
        MatrixFiles files = FailureMatrix.Create(cli.Directory, row);
        kind.Spoil(files, slot, cli.Directory);
        var before = FailureMatrix.Snapshot(cli.Directory);
        bool outputExisted = File.Exists(files.Written) || Directory.Exists(files.Written);

        CliRunner.Result r = run(FailureMatrix.Arguments(row, kind, files));

        string line = r.ShouldFailWith(kind.ExitCode, kind.Mentions(files, slot));
        FailureMatrix.Snapshot(cli.Directory).ShouldBe(before, "a failed command must leave every file as it was: " + line);
        if (!outputExisted)
        {
            File.Exists(files.Written).ShouldBeFalse("the output may lie outside the test folder (/proc)");
        }
    }

    private static TheoryData<string, string, Slot> Data(bool nonRoot)
    {
        var data = new TheoryData<string, string, Slot>();
        foreach (var (command, kind, slot) in FailureMatrix.Cases(nonRoot))
        {
            data.Add(command.Name, kind.Name, slot);
        }

        return data;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kan.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("no Kan.sln above " + AppContext.BaseDirectory);
    }
}
