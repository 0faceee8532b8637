using Kan.Cli.Training;
using Kan.Training;

namespace Kan.Cli.Tests.Training;

public class WidthSyntaxTests
{
    [Theory]
    [InlineData("2,5,1", "[2,5,1]")]
    [InlineData("[2,5,1]", "[2,5,1]")]
    [InlineData(" 2, 5 ,1 ", "[2,5,1]")]
    [InlineData("2,[3,2],1", "[2,[3,2],1]")]
    [InlineData("[2,[0,1],1]", "[2,[0,1],1]")]
    [InlineData("4,[2,1],[1,1],1", "[4,[2,1],[1,1],1]")]
    public void Parses_pykan_notation(string text, string formatted)
    {
        LayerWidth[] widths = WidthSyntax.Parse(text);
        WidthSyntax.Format(widths).ShouldBe(formatted);
        WidthSyntax.Parse(formatted).ShouldBe(widths);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2,,1")]
    [InlineData("2,5,1,")]
    [InlineData("2,[3,2,1],1")]
    [InlineData("2,[3,2]x,1")]
    [InlineData("2,[3,2,1")]
    [InlineData("2,0,1")]
    [InlineData("2,-5,1")]
    [InlineData("2,[0,0],1")]
    public void Rejects_malformed_widths(string text)
    {
        Should.Throw<CliException>(() => WidthSyntax.Parse(text)).Message.ShouldStartWith("bad --width '" + text + "'");
    }
}
