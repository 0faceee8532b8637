using System.IO;
using System.Linq;
using System.Xml.Linq;
using Kan.Format;

namespace Kan.Cli.Tests.Training;

/// <summary><c>kan plot</c> writes well-formed SVG with one curve per active edge (numeric or symbolic).</summary>
public class PlotTests
{
    [Theory]
    [InlineData("toy_spline.json", false)]
    [InlineData("toy_symbolic.json", false)]
    [InlineData("mult_xy.json", false)]
    [InlineData("toy_spline.json", true)]
    public void One_polyline_per_active_edge(string fixture, bool prune)
    {
        using var cli = new CliRunner();
        string model = cli.Import(fixture);
        if (prune)
        {
            string pruned = cli.PathOf("pruned.kan");
            cli.Run("prune", model, "--formula", "toy", "--train-count", "100", "--test-count", "10", "--edge-threshold", "0.1", "-o", pruned).ExitCode.ShouldBe(0);
            model = pruned;
        }

        string svg = cli.PathOf("net.svg");
        CliRunner.Result r = cli.Run("plot", model, "-o", svg, "--title", "a <title> & more");
        r.ExitCode.ShouldBe(0, r.Stderr);
        XDocument doc = XDocument.Parse(File.ReadAllText(svg));
        XNamespace ns = "http://www.w3.org/2000/svg";
        doc.Root!.Name.ShouldBe(ns + "svg");
        doc.Descendants(ns + "text").Select(t => t.Value).ShouldContain("a <title> & more");

        KanModel m = KanFile.Read(model);
        int active = m.Layers.Sum(l => Enumerable.Range(0, l.InputCount).Sum(i => Enumerable.Range(0, l.SubnodeCount)
            .Count(j => l.Mask[l.EdgeIndex(i, j)] != 0 || l.Symbolic.Any(s => s.Input == i && s.Output == j && s.Mask != 0))));
        doc.Descendants(ns + "polyline").Count().ShouldBe(active);
        Directory.GetFiles(cli.Directory, "*.tmp").ShouldBeEmpty();
    }

    [Fact]
    public void Plot_with_data_spans_the_data()
    {
        using var cli = new CliRunner();
        string model = cli.Import("toy_spline.json");
        string svg = cli.PathOf("net.svg");
        string plain = cli.PathOf("plain.svg");
        cli.Run("plot", model, "--formula", "toy", "--train-count", "50", "--test-count", "1", "-o", svg).ExitCode.ShouldBe(0);
        cli.Run("plot", model, "-o", plain).ExitCode.ShouldBe(0);
        string[] Curves(string path) => XDocument.Parse(File.ReadAllText(path)).Descendants().Where(e => e.Name.LocalName == "polyline").Select(e => (string)e.Attribute("points")!).ToArray();

        // [2, 5, 1]: 15 edges; with samples the curves follow the data's range instead of the grid's.
        Curves(svg).Length.ShouldBe(15);
        Curves(plain).Length.ShouldBe(15);
        Curves(svg).ShouldNotBe(Curves(plain));
    }
}
