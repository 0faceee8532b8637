using System;
using System.CommandLine;
using System.IO;

namespace Kan.Cli.Tests.Commands;

/// <summary>Every bad input gives one "kan: error: " line naming what is wrong, and a non-zero exit code; never a stack trace.</summary>
public class ErrorTests
{
    [Fact]
    public void Missing_model_file()
    {
        using var cli = new CliRunner();
        string csv = cli.Write("in.csv", "x1,x2\n1,2\n");
        cli.Run("eval", cli.PathOf("nope.kan"), "-i", csv).ShouldFailWith(ExitCodes.BadInput, "nope.kan' does not exist");
        cli.Run("inspect", cli.PathOf("nope.kan")).ShouldFailWith(ExitCodes.BadInput, "nope.kan' does not exist");
        cli.Run("import-pykan", cli.PathOf("nope.json"), "-o", cli.PathOf("m.kan")).ShouldFailWith(ExitCodes.BadInput, "nope.json' does not exist");
        cli.Run("inspect", cli.Directory).ShouldFailWith(ExitCodes.BadInput, "is a folder, not a file");
    }

    [Fact]
    public void Missing_csv_file()
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        cli.Run("eval", model, "-i", cli.PathOf("nope.csv")).ShouldFailWith(ExitCodes.BadInput, "nope.csv' does not exist");
    }

    [Fact]
    public void Malformed_kan_file_names_file_line_and_column()
    {
        using var cli = new CliRunner();
        string bad = cli.Write("bad.kan", "{\n  \"format\": \"kan/1\",\n  \"inputs\": [\"x\"],,\n}");
        cli.Run("inspect", bad).ShouldFailWith(ExitCodes.BadInput, "bad.kan(3,");
        string wrongFormat = cli.Write("v9.kan", "{\"format\": \"kan/9\"}");
        cli.Run("eval", wrongFormat, "-i", cli.Write("in.csv", "x\n1\n")).ShouldFailWith(ExitCodes.BadInput, "v9.kan(1,");
    }

    [Fact]
    public void Malformed_pykan_dump_names_file_line_and_column()
    {
        using var cli = new CliRunner();
        string text = File.ReadAllText(CliRunner.Fixture("toy_spline.json")).Replace("\"pykan-dump/1\"", "\"pykan-dump/2\"");
        string dump = cli.Write("dump.json", text);
        cli.Run("import-pykan", dump, "-o", cli.PathOf("m.kan")).ShouldFailWith(ExitCodes.BadInput, "dump.json(1,");
        File.Exists(cli.PathOf("m.kan")).ShouldBeFalse();
    }

    [Fact]
    public void Unwritable_output_is_bad_input_not_a_crash()
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        string csv = cli.Write("in.csv", "x1,x2\n1,2\n");
        cli.Run("eval", model, "-i", csv, "-o", Path.Combine(cli.Directory, "no", "such", "out.csv")).ShouldFailWith(ExitCodes.BadInput, "out.csv");
    }

    [Theory]
    [InlineData("x1,x2\n1,2\n3\n", "in.csv(line 3): expected 2 fields as in the header, found 1")]
    [InlineData("x1,x2\n1,2\n3,4,5\n", "in.csv(line 3): expected 2 fields as in the header, found 3")]
    [InlineData("x1,x2\n1,2\n3,abc\n", "in.csv(line 3, column 2 'x2'): 'abc' is not a number")]
    [InlineData("x2,x1\n1,2\n3,4,5\n", "in.csv(line 3)")]
    [InlineData("x2,x1\n1,\n", "in.csv(line 2, column 2 'x1'): '' is not a number")]
    [InlineData("x1,x2\n1,\"2\n", "in.csv(line 2): a quoted field is never closed")]
    [InlineData("x1,x2\n1,\"2\"x\n", "in.csv(line 2): unexpected 'x' after a closing quote")]
    [InlineData("x1,x2\n1,2\"\n", "in.csv(line 2): a quote inside an unquoted field")]
    [InlineData("x1,x3\n1,2\n", "in.csv(line 1): the header lacks the input column(s) x2; the model reads x1, x2")]
    [InlineData("a,b\n1,2\n", "lacks the input column(s) x1, x2")]
    [InlineData("x1,x2,x1\n1,2,3\n", "the input column 'x1' appears more than once")]
    [InlineData("", "in.csv is empty; expected a header row naming the inputs x1, x2")]
    [InlineData("x1,x2\n1,2\n\"3\",1,5e999x\n", "in.csv(line 3)")]
    public void Bad_csv(string text, string expected)
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        string csv = cli.Write("in.csv", text);
        cli.Run("eval", model, "-i", csv, "-o", cli.PathOf("out.csv")).ShouldFailWith(ExitCodes.BadInput, expected);
        File.Exists(cli.PathOf("out.csv")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("1,2\n3\n", "in.csv(line 2): expected 2 fields, one per model input (x1, x2), found 1")]
    [InlineData("x1,x2\n", "in.csv(line 1, column 1 'x1'): 'x1' is not a number")]
    public void Bad_csv_without_header(string text, string expected)
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        cli.Run("eval", model, "-i", cli.Write("in.csv", text), "--no-header").ShouldFailWith(ExitCodes.BadInput, expected);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided")]
    [InlineData(new[] { "frobnicate" }, "'frobnicate'")]
    [InlineData(new[] { "eval", "m.kan" }, "Option '--input' is required")]
    [InlineData(new[] { "eval", "-i", "in.csv" }, "see 'kan eval --help'")]
    [InlineData(new[] { "inspect", "a.kan", "--bogus" }, "'--bogus'")]
    [InlineData(new[] { "import-pykan", "d.json" }, "Option '--output' is required")]
    public void Usage_errors_exit_2(string[] args, string expected)
    {
        using var cli = new CliRunner();
        cli.Run(args).ShouldFailWith(ExitCodes.Usage, expected);
    }

    /// <summary>
    /// A bug must not pass for bad input: it exits 70, says "internal error", and every CliRunner.Run fails on that,
    /// even when the exception's text would satisfy a test's expected substring.
    /// </summary>
    [Fact]
    public void An_unanticipated_exception_is_an_internal_error_with_its_own_exit_code()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var command = new Command("boom");
        KanCli.SetAction(command, new CliContext(stdout, stderr), _ => throw new InvalidOperationException("the folder\nbroke"));
        int code = command.Parse(Array.Empty<string>()).Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });

        code.ShouldBe(ExitCodes.InternalError);
        stdout.ToString().ShouldBeEmpty();
        stderr.ToString().ShouldBe(KanCli.ErrorPrefix + "internal error (InvalidOperationException): the folder broke; please report this as a bug" + Environment.NewLine);
        var result = new CliRunner.Result(code, stdout.ToString(), stderr.ToString());
        Should.Throw<ShouldAssertException>(() => result.ShouldNotBeInternalError());
        Should.Throw<ShouldAssertException>(() => (result with { ExitCode = ExitCodes.BadInput }).ShouldNotBeInternalError());
    }

    [Fact]
    public void A_pykan_dump_given_as_a_model_suggests_import_pykan()
    {
        using var cli = new CliRunner();
        string dump = CliRunner.Fixture("toy_spline.json");
        string line = cli.Run("inspect", dump).ShouldFailWith(ExitCodes.BadInput, "; '" + dump + "' is a pykan dump, not a .kan model: convert it first with 'kan import-pykan " + dump + " -o MODEL.kan'");
        line.ShouldStartWith(KanCli.ErrorPrefix + dump + "(1,26): unknown field 'note' in the model; expected one of: format, name");
        cli.Run("eval", dump, "-i", cli.Write("in.csv", "x1,x2\n1,2\n")).ShouldFailWith(ExitCodes.BadInput, "is a pykan dump, not a .kan model");
        cli.Run("inspect", cli.Write("other.json", "{\"format\": \"other\"}")).ShouldNotBeInternalError().Stderr.ShouldNotContain("import-pykan");
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("eval --help")]
    [InlineData("inspect -h")]
    [InlineData("import-pykan --help")]
    [InlineData("eval --bogus --help")]
    public void Help_works_everywhere(string args)
    {
        using var cli = new CliRunner();
        var r = cli.Run(args.Split(' '));
        r.ExitCode.ShouldBe(0, r.Stderr);
        r.Stdout.ShouldContain("Usage:");
        r.Stderr.ShouldBeEmpty();
    }
}
