using System.Linq;
using Kan.Format;

namespace Kan.Runtime.Tests.Format;

/// <summary>Every malformed file of <see cref="BadKanFiles"/> fails with the exact located error.</summary>
public class BadKanFileTests
{
    public static TheoryData<string> CaseNames => new(BadKanFiles.All.Select(c => c.Name));

    [Fact]
    public void The_base_text_is_valid()
    {
        KanModel model = KanFile.Parse(BadKanFiles.Valid, BadKanFiles.FileName);
        model.Widths.ShouldBe(new[] { 2, 2, 1 });
        model.InputIds.ShouldBe(new[] { 2, 0 });
        model.GetMetadata("formula").ShouldBe("y = f(c, a)");
    }

    [Fact]
    public void Cases_are_distinct_and_many()
    {
        BadKanFiles.All.Count.ShouldBeGreaterThanOrEqualTo(30);
        BadKanFiles.All.Select(c => c.Name).Distinct().Count().ShouldBe(BadKanFiles.All.Count);
        BadKanFiles.All.Select(c => c.Text).Distinct().Count().ShouldBe(BadKanFiles.All.Count);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Malformed_file_fails_with_exact_position_and_detail(string name)
    {
        BadKanFiles.Case c = BadKanFiles.All.Single(x => x.Name == name);
        var e = Should.Throw<KanFormatException>(() => KanFile.Parse(c.Text, BadKanFiles.FileName));
        (e.Line, e.Column, e.Detail).ShouldBe((c.Line, c.Column, c.Detail));
        e.FileName.ShouldBe(BadKanFiles.FileName);
        e.Message.ShouldBe(BadKanFiles.FileName + "(" + c.Line + "," + c.Column + "): " + c.Detail);
        e.Position.Offset.ShouldBe(OffsetOf(c.Text, c.Line, c.Column));
    }

    private static int OffsetOf(string text, int line, int column)
    {
        int offset = 0;
        for (int l = 1; l < line; l++)
        {
            offset = text.IndexOf('\n', offset) + 1;
        }

        return offset + column - 1;
    }
}
