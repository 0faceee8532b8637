using System;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Kan.Format;

namespace Kan.Cli.Tests.Commands;

/// <summary><c>kan inspect</c> states the facts of the model it read.</summary>
public class InspectTests
{
    [Fact]
    public void Spline_model_facts()
    {
        using var cli = new CliRunner();
        string path = cli.Import("toy_spline.json");
        KanModel model = KanFile.Read(path);
        var r = cli.Run("inspect", path);
        r.ExitCode.ShouldBe(0, r.Stderr);
        string text = r.Stdout;
        text.ShouldContain("Shape: [2, 5, 1]");
        text.ShouldContain("Inputs: 2: x1, x2");
        text.ShouldContain("Outputs: 1: y1");
        int parameters = model.Layers.Sum(l => l.InputCount * l.SubnodeCount * (l.GridIntervals + l.K + 2));
        text.ShouldContain("Parameters: " + parameters + " ");
        text.ShouldContain("Symbolic edges: 0");
        text.ShouldContain("Masked edges: 0");
        text.ShouldContain("source = pykan");
        text.ShouldNotContain("Symbolic edges: mask");
        for (int l = 0; l < model.Layers.Length; l++)
        {
            KanLayer layer = model.Layers[l];
            double min = Enumerable.Range(0, layer.InputCount).Min(i => layer.Knots[layer.KnotOffset(i)]);
            double max = Enumerable.Range(0, layer.InputCount).Max(i => layer.Knots[layer.KnotOffset(i) + layer.KnotCount - 1]);

            // The fixture's grid was updated from data: not uniform. G=5, k=3, silu.
            LayerRow(text, l).ShouldBe(new[] { l.ToString(), layer.InputCount.ToString(), layer.OutputCount.ToString(), "3", "5", "[" + R(min) + ",", R(max) + "]", "no", "silu", (layer.InputCount * layer.SubnodeCount).ToString(), "0", "0", "-", (layer.InputCount * layer.SubnodeCount * 10).ToString() });
        }
    }

    [Fact]
    public void Symbolic_edges_are_listed_with_their_affine_parameters()
    {
        using var cli = new CliRunner();
        string path = cli.Import("toy_symbolic.json");
        KanModel model = KanFile.Read(path);
        string text = cli.Run("inspect", path).Stdout;
        var edges = model.Layers.SelectMany((layer, l) => layer.Symbolic.Select(e => (l, e))).ToList();
        edges.Count.ShouldBeGreaterThan(0);
        text.ShouldContain("Symbolic edges: " + edges.Count);
        foreach (var (l, e) in edges)
        {
            string row = string.Join(" ", new[] { l.ToString(), e.Input.ToString(), e.Output.ToString(), e.Function, R(e.A), R(e.B), R(e.C), R(e.D), R(e.Mask) });
            text.Split('\n').Select(Collapse).ShouldContain(row);
        }

        text.ShouldContain("Masked edges: " + model.Layers.Sum(l => l.Mask.Count(m => m == 0.0)));
        text.ShouldContain("pykan_formula = " + model.GetMetadata("pykan_formula"));
    }

    [Fact]
    public void Multiplication_nodes_use_pykan_width_notation()
    {
        using var cli = new CliRunner();
        string path = cli.Import("mult_xy.json");
        string text = cli.Run("inspect", path).Stdout;
        text.ShouldContain("Shape: [2, [0,1], 1]");
        LayerRow(text, 0)[12].ShouldBe("1");
        LayerRow(text, 0)[13].ShouldBe("(2)");
    }

    [Fact]
    public void Uniform_grids_input_ids_and_normalisation_are_reported()
    {
        using var cli = new CliRunner();
        var rng = new Random(3);
        const int g = 4, k = 2, nIn = 2, nOut = 1;
        double[] knots = Enumerable.Range(0, nIn).SelectMany(_ => Enumerable.Range(-k, g + 2 * k + 1).Select(m => -1.0 + 2.0 * m / g)).ToArray();
        double[] Random(int n) => Enumerable.Range(0, n).Select(_ => rng.NextDouble()).ToArray();
        var layer = new KanLayer.Builder(new LayerTopology(nIn, 1, ImmutableArray<int>.Empty))
        {
            K = k,
            BaseFunction = BaseFunction.Identity,
            Knots = knots.ToImmutableArray(),
            Coefficients = Random(nIn * nOut * (g + k)).ToImmutableArray(),
            ScaleBase = Random(nIn).ToImmutableArray(),
            ScaleSpline = Random(nIn).ToImmutableArray(),
            Mask = ImmutableArray.Create(1.0, 0.0),
            Symbolic = ImmutableArray<SymbolicEdge>.Empty,
            SubnodeScale = ImmutableArray.Create(1.0),
            SubnodeBias = ImmutableArray.Create(0.0),
            NodeScale = ImmutableArray.Create(1.0),
            NodeBias = ImmutableArray.Create(0.0),
        }.Build();
        var model = new KanModel(ImmutableArray.Create("a", "b", "c"), ImmutableArray.Create("out"), ImmutableArray.Create(2, 0), ImmutableArray.Create(layer),
            ImmutableArray.Create(new System.Collections.Generic.KeyValuePair<string, string>("formula", "a+c")), "toy",
            ImmutableArray.Create(2.0, 1.0, 0.5), ImmutableArray.Create(0.0, -1.0, 0.25));
        string path = cli.PathOf("u.kan");
        KanFile.Write(model, path);

        string text = cli.Run("inspect", path).Stdout;
        text.ShouldContain("(toy)");
        text.ShouldContain("Inputs: 3: a, b, c");
        text.ShouldContain("Input ids: [2, 0]");
        text.ShouldContain("Input scale: [2, 1, 0.5]");
        text.ShouldContain("Input bias: [0, -1, 0.25]");
        text.ShouldContain("Masked edges: 1");
        text.ShouldContain("formula = a+c");
        string[] row = LayerRow(text, 0);
        row[3].ShouldBe(k.ToString());
        row[4].ShouldBe(g.ToString());
        row[7].ShouldBe("yes");
        row[8].ShouldBe("identity");
    }

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string Collapse(string line) => string.Join(" ", line.Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The cells of layer <paramref name="l"/>'s row in the Layers table, split on spaces.</summary>
    private static string[] LayerRow(string text, int l)
    {
        string[] lines = text.Split('\n');
        int header = Array.FindIndex(lines, s => s.TrimStart().StartsWith("layer ", StringComparison.Ordinal));
        return lines.Skip(header + 2).Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).First(c => c.Length > 0 && c[0] == l.ToString());
    }
}
