using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Kan.Evaluation;

namespace Kan.Plotting
{
    /// <summary>Options for <see cref="NetworkPlot"/>.</summary>
    public sealed class PlotOptions
    {
        /// <summary>Sharpness of importance → opacity, pykan's <c>beta</c> in <c>alpha = tanh(beta * score)</c>.</summary>
        public double Beta { get; set; } = 3.0;

        /// <summary>Points per edge curve.</summary>
        public int CurvePoints { get; set; } = 48;

        /// <summary>Optional title drawn at the top.</summary>
        public string? Title { get; set; }

        /// <summary>
        /// Optional edge importance per layer, indexed <c>[layer][input * subnodes + subnode]</c> (for example
        /// attribution scores from training). When absent, importance is each edge's output spread over the samples.
        /// </summary>
        public IReadOnlyList<double[]>? EdgeScores { get; set; }
    }

    /// <summary>
    /// Draws a KAN as an SVG picture in the manner of pykan's <c>plot()</c>: layers from the inputs at the bottom
    /// to the outputs at the top, every edge drawn as its own activation curve in a small box, opacity growing with
    /// the edge's importance, symbolic edges in red (purple when a spline remains too) and labelled with their
    /// function, multiplication nodes marked ×.
    /// </summary>
    public static class NetworkPlot
    {
        private const double RowHeight = 230;
        private const double Margin = 50;

        public static string ToSvg(KanModel model, IReadOnlyList<double[]>? samples = null, PlotOptions? options = null)
        {
            options ??= new PlotOptions();
            var evaluator = new KanEvaluator(model);
            int depth = model.Layers.Length;

            // Ranges of every layer input, from the samples when there are any, else each input's grid range.
            var ranges = new (double Min, double Max)[depth][];
            List<double[][]> traces = samples?.Select(s => evaluator.Trace(s)).ToList() ?? new List<double[][]>();
            for (int l = 0; l < depth; l++)
            {
                KanLayer layer = model.Layers[l];
                ranges[l] = new (double, double)[layer.InputCount];
                for (int i = 0; i < layer.InputCount; i++)
                {
                    ranges[l][i] = traces.Count > 0
                        ? (traces.Min(t => t[l][i]), traces.Max(t => t[l][i]))
                        : (layer.Knots[layer.KnotOffset(i) + layer.K], layer.Knots[layer.KnotOffset(i) + layer.KnotCount - 1 - layer.K]);
                    if (!(ranges[l][i].Max > ranges[l][i].Min))
                    {
                        ranges[l][i] = (ranges[l][i].Min - 1, ranges[l][i].Min + 1);
                    }
                }
            }

            int maxEdges = model.Layers.Max(layer => layer.InputCount * layer.SubnodeCount);
            double width = Math.Max(360, Math.Min(1600, maxEdges * 70 + 2 * Margin));
            double height = depth * RowHeight + 2 * Margin + 30;
            var svg = new StringBuilder();
            svg.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(F(width)).Append("\" height=\"").Append(F(height))
               .Append("\" viewBox=\"0 0 ").Append(F(width)).Append(' ').Append(F(height)).Append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
            svg.Append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
            if (options.Title is string title)
            {
                svg.Append("  <text x=\"").Append(F(width / 2)).Append("\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">").Append(Escape(title)).Append("</text>\n");
            }

            double inner = width - 2 * Margin;
            double NodeX(int index, int count) => Margin + inner * (index + 0.5) / count;
            double RowY(int l) => height - Margin - l * RowHeight; // layer l's inputs

            for (int l = 0; l < depth; l++)
            {
                KanLayer layer = model.Layers[l];
                int nIn = layer.InputCount, nSub = layer.SubnodeCount, nEdges = nIn * nSub;
                double y0 = RowY(l), ySub = y0 - RowHeight * 0.72, yNext = RowY(l + 1);
                double box = Math.Min(56, inner / nEdges * 0.8);
                double boxY = (y0 + ySub) / 2;
                double[] scores = EdgeScores(evaluator, layer, l, traces, ranges[l], options);
                double maxScore = scores.DefaultIfEmpty(0).Max();

                for (int i = 0; i < nIn; i++)
                {
                    for (int j = 0; j < nSub; j++)
                    {
                        int e = layer.EdgeIndex(i, j);
                        bool numeric = layer.Mask[e] != 0;
                        SymbolicEdge? sym = layer.Symbolic.FirstOrDefault(s => s.Input == i && s.Output == j && s.Mask != 0);
                        if (!numeric && sym is null)
                        {
                            continue;
                        }

                        string color = sym is null ? "black" : (numeric ? "purple" : "#d62728");
                        double alpha = maxScore > 0 ? Math.Tanh(options.Beta * scores[e] / maxScore) : 1.0;
                        alpha = Math.Max(alpha, 0.06);
                        double bx = NodeX(i * nSub + j, nEdges);
                        svg.Append("  <g opacity=\"").Append(F(alpha)).Append("\">\n");
                        Line(svg, NodeX(i, nIn), y0, bx, boxY + box / 2, color);
                        Line(svg, bx, boxY - box / 2, NodeX(j, nSub), ySub, color);
                        svg.Append("    <rect x=\"").Append(F(bx - box / 2)).Append("\" y=\"").Append(F(boxY - box / 2)).Append("\" width=\"").Append(F(box))
                           .Append("\" height=\"").Append(F(box)).Append("\" fill=\"white\" stroke=\"").Append(color).Append("\" stroke-width=\"1.2\"/>\n");
                        svg.Append("    <polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"2\" points=\"")
                           .Append(Curve(evaluator, l, i, j, ranges[l][i], bx, boxY, box, options.CurvePoints)).Append("\"/>\n");
                        if (sym is not null)
                        {
                            svg.Append("    <text x=\"").Append(F(bx)).Append("\" y=\"").Append(F(boxY + box / 2 + 12)).Append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#d62728\" stroke=\"white\" stroke-width=\"3\" paint-order=\"stroke\">")
                               .Append(Escape(sym.Function)).Append("</text>\n");
                        }

                        svg.Append("  </g>\n");
                    }
                }

                // Subnodes feed the next layer's nodes: sums directly, multiplication operands through a × node.
                for (int n = 0; n < layer.OutputCount; n++)
                {
                    double nx = NodeX(n, layer.OutputCount);
                    if (!layer.Topology.IsMultiplication(n))
                    {
                        Line(svg, NodeX(n, nSub), ySub, nx, yNext, "black");
                        continue;
                    }

                    double my = (ySub + yNext) / 2;
                    foreach (int operand in layer.Topology.Operands(n))
                    {
                        Line(svg, NodeX(operand, nSub), ySub, nx, my, "black");
                    }

                    Line(svg, nx, my, nx, yNext, "black");
                    svg.Append("  <circle cx=\"").Append(F(nx)).Append("\" cy=\"").Append(F(my)).Append("\" r=\"9\" fill=\"white\" stroke=\"black\"/>\n");
                    svg.Append("  <text x=\"").Append(F(nx)).Append("\" y=\"").Append(F(my + 4)).Append("\" text-anchor=\"middle\" font-size=\"13\">×</text>\n");
                }

                for (int j = 0; j < nSub; j++)
                {
                    svg.Append("  <circle cx=\"").Append(F(NodeX(j, nSub))).Append("\" cy=\"").Append(F(ySub)).Append("\" r=\"2.5\" fill=\"black\"/>\n");
                }
            }

            for (int l = 0; l <= depth; l++)
            {
                int count = l < depth ? model.Layers[l].InputCount : model.OutputCount;
                for (int n = 0; n < count; n++)
                {
                    svg.Append("  <circle cx=\"").Append(F(NodeX(n, count))).Append("\" cy=\"").Append(F(RowY(l))).Append("\" r=\"6\" fill=\"black\"/>\n");
                }
            }

            for (int i = 0; i < model.Layers[0].InputCount; i++)
            {
                svg.Append("  <text x=\"").Append(F(NodeX(i, model.Layers[0].InputCount))).Append("\" y=\"").Append(F(RowY(0) + 24))
                   .Append("\" text-anchor=\"middle\" font-size=\"14\">").Append(Escape(model.InputNames[model.InputColumn(i)])).Append("</text>\n");
            }

            for (int o = 0; o < model.OutputCount; o++)
            {
                svg.Append("  <text x=\"").Append(F(NodeX(o, model.OutputCount))).Append("\" y=\"").Append(F(RowY(depth) - 14))
                   .Append("\" text-anchor=\"middle\" font-size=\"14\">").Append(Escape(model.OutputNames[o])).Append("</text>\n");
            }

            svg.Append("</svg>\n");
            return svg.ToString();
        }

        private static double[] EdgeScores(KanEvaluator evaluator, KanLayer layer, int l, List<double[][]> traces, (double Min, double Max)[] ranges, PlotOptions options)
        {
            if (options.EdgeScores is { } given && l < given.Count && given[l].Length == layer.InputCount * layer.SubnodeCount)
            {
                return given[l];
            }

            // pykan's forward_u metric: the spread (standard deviation) of each edge's output over the samples,
            // or over an even sweep of the input's range when there are no samples.
            var scores = new double[layer.InputCount * layer.SubnodeCount];
            for (int i = 0; i < layer.InputCount; i++)
            {
                double[] xs = traces.Count > 0
                    ? traces.Select(t => t[l][i]).ToArray()
                    : Enumerable.Range(0, 64).Select(p => ranges[i].Min + (ranges[i].Max - ranges[i].Min) * p / 63.0).ToArray();
                for (int j = 0; j < layer.SubnodeCount; j++)
                {
                    double[] ys = xs.Select(x => evaluator.EvaluateEdge(l, i, j, x).Total).ToArray();
                    double mean = ys.Average();
                    double std = Math.Sqrt(ys.Sum(y => (y - mean) * (y - mean)) / Math.Max(1, ys.Length - 1));
                    scores[layer.EdgeIndex(i, j)] = double.IsFinite(std) ? std : 0;
                }
            }

            return scores;
        }

        private static string Curve(KanEvaluator evaluator, int l, int i, int j, (double Min, double Max) range, double cx, double cy, double box, int points)
        {
            var xs = new double[points];
            var ys = new double[points];
            for (int p = 0; p < points; p++)
            {
                xs[p] = range.Min + (range.Max - range.Min) * p / (points - 1);
                double y = evaluator.EvaluateEdge(l, i, j, xs[p]).Total;
                ys[p] = double.IsFinite(y) ? y : 0;
            }

            double yMin = ys.Min(), yMax = ys.Max();
            double span = yMax - yMin > 1e-12 ? yMax - yMin : 1;
            double pad = box * 0.12, size = box - 2 * pad;
            var sb = new StringBuilder();
            for (int p = 0; p < points; p++)
            {
                double px = cx - size / 2 + size * p / (points - 1);
                double py = yMax - yMin > 1e-12 ? cy + size / 2 - size * (ys[p] - yMin) / span : cy;
                sb.Append(F(px)).Append(',').Append(F(py)).Append(p + 1 < points ? " " : "");
            }

            return sb.ToString();
        }

        private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string color) =>
            svg.Append("    <line x1=\"").Append(F(x1)).Append("\" y1=\"").Append(F(y1)).Append("\" x2=\"").Append(F(x2)).Append("\" y2=\"").Append(F(y2))
               .Append("\" stroke=\"").Append(color).Append("\" stroke-width=\"1.2\"/>\n");

        private static string F(double v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        private static string Escape(string s) =>
            s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;");
    }
}
