using System.Linq;
using Kan.Generator.Tests.Support;
using Kan.Runtime.Tests.Format;
using Microsoft.CodeAnalysis;

namespace Kan.Generator.Tests.Diagnostics;

/// <summary>Every malformed file of the shared bad-file table is KAN0001 at its exact line and column, with no source.</summary>
public class BadFileDiagnosticsTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in BadKanFiles.All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_file_gives_KAN0001_at_its_line_and_column_and_no_source(string name)
    {
        var c = BadKanFiles.All.Single(x => x.Name == name);
        const string path = "/project/models/" + BadKanFiles.FileName;
        var (result, _) = GeneratorHarness.Run(new[] { new KanSource(path, c.Text) });

        result.GeneratedSources.ShouldBeEmpty();
        result.Exception.ShouldBeNull();
        var diagnostic = result.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Id.ShouldBe("KAN0001");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        FileLinePositionSpan where = diagnostic.Location.GetLineSpan();
        where.Path.ShouldBe(path);
        (where.StartLinePosition.Line + 1).ShouldBe(c.Line, c.Name);
        (where.StartLinePosition.Character + 1).ShouldBe(c.Column, c.Name);
        diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture).ShouldContain(c.Detail);
    }

    [Fact]
    public void The_shared_valid_file_generates_a_class()
    {
        var (result, output) = GeneratorHarness.Run(new[] { new KanSource("/project/valid.kan", BadKanFiles.Valid) });
        result.Diagnostics.ShouldBeEmpty();
        result.GeneratedSources.ShouldHaveSingleItem().HintName.ShouldBe("Generated.Valid.g.cs");
        GeneratorHarness.Problems(output).ShouldBeEmpty();
    }
}
