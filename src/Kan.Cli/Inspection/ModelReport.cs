using System.Linq;
using Spectre.Console;

namespace Kan.Cli.Inspection;

/// <summary>Writes the <c>kan inspect</c> report: a few "key: value" lines and two tables, all plain text.</summary>
public static class ModelReport
{
    public static void Write(IAnsiConsole console, string path, KanModel model)
    {
        Line(console, "Model", path + (model.Name is string name ? " (" + name + ")" : ""));
        Line(console, "Shape", ModelSummary.Shape(model));
        Line(console, "Inputs", model.InputCount + ": " + string.Join(", ", model.InputNames));
        Line(console, "Outputs", model.OutputCount + ": " + string.Join(", ", model.OutputNames));
        if (!model.InputIds.IsEmpty)
        {
            Line(console, "Input ids", "[" + string.Join(", ", model.InputIds) + "] (the first layer reads these input columns)");
        }

        if (model.HasInputNormalization)
        {
            Line(console, "Input scale", "[" + string.Join(", ", model.InputScale.Select(ModelSummary.Invariant)) + "]");
            Line(console, "Input bias", "[" + string.Join(", ", model.InputBias.Select(ModelSummary.Invariant)) + "]");
        }

        Line(console, "Parameters", ModelSummary.Invariant(model.Layers.Sum(ModelSummary.ParameterCount)) + " (spline coefficients, scale_base, scale_sp, symbolic a,b,c,d)");
        Line(console, "Masked edges", ModelSummary.Invariant(model.Layers.Sum(ModelSummary.MaskedEdges)));
        Line(console, "Symbolic edges", ModelSummary.Invariant(model.Layers.Sum(l => l.Symbolic.Length)));

        var layers = new Table().Border(TableBorder.Simple).Title("Layers");
        foreach (string c in new[] { "layer", "in", "out", "k", "G", "knot range", "uniform", "base", "edges", "masked", "symbolic", "mult nodes (arity)", "parameters" })
        {
            layers.AddColumn(new TableColumn(c));
        }

        for (int l = 0; l < model.Layers.Length; l++)
        {
            KanLayer layer = model.Layers[l];
            var (min, max) = ModelSummary.KnotRange(layer);
            string mult = layer.MultArity.IsEmpty ? "-" : layer.MultArity.Length + " (" + string.Join(", ", layer.MultArity) + ")";
            layers.AddRow(
                Cell(l), Cell(layer.InputCount), Cell(layer.OutputCount), Cell(layer.K), Cell(layer.GridIntervals),
                Markup.Escape("[" + ModelSummary.Invariant(min) + ", " + ModelSummary.Invariant(max) + "]"),
                ModelSummary.KnotsUniform(layer) ? "yes" : "no",
                layer.BaseFunction.ToString().ToLowerInvariant(),
                Cell(layer.InputCount * layer.SubnodeCount), Cell(ModelSummary.MaskedEdges(layer)), Cell(layer.Symbolic.Length),
                mult, Cell(ModelSummary.ParameterCount(layer)));
        }

        console.Write(layers);

        var symbolic = model.Layers.SelectMany((layer, l) => layer.Symbolic.Select(e => (Layer: l, Edge: e))).ToList();
        if (symbolic.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("Symbolic edges: mask * (c * fn(a * x + b) + d)");
            foreach (string c in new[] { "layer", "in", "out", "fn", "a", "b", "c", "d", "mask" })
            {
                table.AddColumn(new TableColumn(c));
            }

            foreach (var (l, e) in symbolic)
            {
                table.AddRow(
                    Cell(l), Cell(e.Input), Cell(e.Output), Markup.Escape(e.Function),
                    ModelSummary.Invariant(e.A), ModelSummary.Invariant(e.B), ModelSummary.Invariant(e.C), ModelSummary.Invariant(e.D), ModelSummary.Invariant(e.Mask));
            }

            console.Write(table);
        }

        if (!model.Metadata.IsEmpty)
        {
            console.WriteLine("Metadata:");
            foreach (var pair in model.Metadata)
            {
                console.WriteLine("  " + pair.Key + " = " + pair.Value);
            }
        }
    }

    private static void Line(IAnsiConsole console, string key, string value) => console.WriteLine(key + ": " + value);

    private static string Cell(int value) => ModelSummary.Invariant(value);
}
