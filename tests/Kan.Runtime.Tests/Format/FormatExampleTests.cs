using System.IO;
using System.Text.RegularExpressions;
using Kan.Evaluation;
using Kan.Format;
using Kan.Runtime.Tests.Support;

namespace Kan.Runtime.Tests.Format;

/// <summary>The example in docs/kan-format.md is a valid model and computes what the document says.</summary>
public class FormatExampleTests
{
    /// <summary>The one ```json block of docs/kan-format.md.</summary>
    internal static string ExampleText()
    {
        string doc = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "kan-format.md"));
        var blocks = Regex.Matches(doc, "```json\r?\n(.*?)```", RegexOptions.Singleline);
        blocks.Count.ShouldBe(1, "docs/kan-format.md should hold exactly one ```json example");
        return blocks[0].Groups[1].Value;
    }

    /// <summary>
    /// Expected outputs worked out by hand. With k = 1 and knots [-2, -1, 0, 1, 2], a spline with coefficients
    /// [c0, c1, c2] is the broken line through (-2, 0), (-1, c0), (0, c1), (1, c2), (2, 0), and 0 outside [-2, 2)
    /// (so 0 at exactly x = 2). Layer 0: h0 = S(x; .5, 1, -.5) + 0.5*y + S(y; 1, 0, 2); h1 = 2*(x + .5)^2 - 1 - .5.
    /// Layer 1: z = 2 * S(h0; -1, 0, 1) * S(h1; 2, 1, 0) + 0.5.
    /// (0.5, -0.5): h0 = 0.25 + (-0.25 + 0.5) = 0.5; h1 = 2 - 1.5 = 0.5; z = 2 * 0.5 * 0.5 + 0.5 = 1.
    /// (1, 2): y = 2 is the last knot, so S(y) = 0; h0 = -0.5 + 1 = 0.5; h1 = 4.5 - 1.5 = 3 (outside: S = 0); z = 0.5.
    /// (-0.25, -1): h0 = 0.875 + (-0.5 + 1) = 1.375; h1 = 0.125 - 1.5 = -1.375;
    ///   S(1.375; -1, 0, 1) = 1 - 0.375 = 0.625, S(-1.375; 2, 1, 0) = 2 * 0.625 = 1.25; z = 2 * 0.78125 + 0.5 = 2.0625.
    /// (-3, 0.25): x outside the grid; h0 = 0 + 0.125 + 0.5 = 0.625 (S(0.25; 1, 0, 2) = 0.5); h1 = 12.5 - 1.5 = 11 (S = 0); z = 0.5.
    /// </summary>
    [Theory]
    [InlineData(0.5, -0.5, 1.0)]
    [InlineData(1.0, 2.0, 0.5)]
    [InlineData(-0.25, -1.0, 2.0625)]
    [InlineData(-3.0, 0.25, 0.5)]
    public void Example_parses_and_evaluates_to_hand_computed_values(double x, double y, double z)
    {
        KanModel model = KanFile.Parse(ExampleText(), "docs/kan-format.md");
        model.Widths.ShouldBe(new[] { 2, 2, 1 });
        model.Layers[0].Symbolic.Length.ShouldBe(1);
        model.Layers[1].MultArity.ShouldBe(new[] { 2 });
        model.Generator.ShouldBe(new GeneratorSettings(className: "DocExample", precision: "double"));

        new KanEvaluator(model).Evaluate(x, y)[0].ShouldBe(z);
        NaiveKan.Evaluate(model, new[] { x, y })[0].ShouldBe(z);
    }

    [Fact]
    public void Example_hidden_nodes_match_the_hand_computation()
    {
        KanModel model = KanFile.Parse(ExampleText(), "docs/kan-format.md");
        double[][] trace = new KanEvaluator(model).Trace(new[] { -0.25, -1.0 });
        trace[1].ShouldBe(new[] { 1.375, -1.375 });
    }

    [Fact]
    public void Document_lists_every_symbolic_function_and_the_limits()
    {
        string doc = File.ReadAllText(Path.Combine(RepoRoot.Path, "docs", "kan-format.md"));
        foreach (var f in Kan.Symbolic.SymbolicFunctions.All)
        {
            doc.ShouldContain("| `" + f.Name + "` |", Case.Sensitive);
        }

        doc.ShouldContain("| `MaxLayers` | " + KanFileParser.MaxLayers.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " |");
        doc.ShouldContain("| `MaxWidth` | " + KanFileParser.MaxWidth.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " |");
        doc.ShouldContain("| `MaxOrder` | " + KanFileParser.MaxOrder + " |");
        doc.ShouldContain("| `MaxKnots` | " + KanFileParser.MaxKnots.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " |");
        doc.ShouldContain("| `JsonParser.MaxDepth` | " + Kan.Format.Json.JsonParser.MaxDepth + " |");
    }
}
