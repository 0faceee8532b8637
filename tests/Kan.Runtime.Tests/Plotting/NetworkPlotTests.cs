using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Kan.Interop;
using Kan.Plotting;

namespace Kan.Runtime.Tests.Plotting;

public class NetworkPlotTests
{
    private static KanModel Fixture(string name) =>
        PykanImporter.Read(Path.Combine(AppContext.BaseDirectory, "Fixtures", "pykan", name + ".json"));

    private static XDocument Plot(KanModel model, int samples = 50)
    {
        var rnd = new Random(7);
        var rows = Enumerable.Range(0, samples).Select(_ => Enumerable.Range(0, model.InputCount).Select(_ => rnd.NextDouble() * 2 - 1).ToArray()).ToList();
        return XDocument.Parse(NetworkPlot.ToSvg(model, samples == 0 ? null : rows, new PlotOptions { Title = "t<&>" }));
    }

    [Theory]
    [InlineData("toy_spline")]
    [InlineData("mixed_k2_identity")]
    [InlineData("mult_xy")]
    public void Draws_one_curve_per_active_edge(string fixture)
    {
        KanModel model = Fixture(fixture);
        int active = model.Layers.Sum(layer =>
            Enumerable.Range(0, layer.InputCount).Sum(i => Enumerable.Range(0, layer.SubnodeCount).Count(j =>
                layer.Mask[layer.EdgeIndex(i, j)] != 0 || layer.Symbolic.Any(s => s.Input == i && s.Output == j && s.Mask != 0))));
        XNamespace svg = "http://www.w3.org/2000/svg";
        foreach (int samples in new[] { 0, 50 })
        {
            XDocument doc = Plot(model, samples);
            doc.Descendants(svg + "polyline").Count().ShouldBe(active);
            doc.Descendants(svg + "polyline").ShouldAllBe(p => !p.Attribute("points")!.Value.Contains("NaN"));
        }
    }

    [Fact]
    public void Labels_symbolic_edges_and_marks_multiplication_nodes()
    {
        XNamespace svg = "http://www.w3.org/2000/svg";
        var texts = Plot(Fixture("mixed_k2_identity")).Descendants(svg + "text").Select(t => t.Value).ToList();
        texts.ShouldContain("sin");
        texts.ShouldContain("x^2");
        texts.ShouldContain("tanh");
        texts.ShouldContain("x1");
        texts.ShouldContain("t<&>"); // the title, escaped in the file and read back intact
        Plot(Fixture("mult_xy")).Descendants(svg + "text").Select(t => t.Value).ShouldContain("×");
    }
}
