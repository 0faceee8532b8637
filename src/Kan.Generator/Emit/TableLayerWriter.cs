using System.Globalization;
using System.Linq;
using Kan.Generator.Planning;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// The table strategy: a layer's knots, B-spline coefficients and per-edge scales are data (see
    /// <see cref="WriteData"/>), evaluated by loops the way the runtime evaluator does it: per input the knot interval
    /// by bisection and the k + 1 basis functions that can be non-zero by the Cox–de Boor recursion (the generated
    /// <c>Basis</c>, <c>BSplineBasis.Evaluate</c>'s arithmetic), shared by every outgoing edge; each edge then adds
    /// <c>mask * scale_sp * sum_r c[span - k + r] B_r</c> (the evaluator's order of summation). Working from the coefficients themselves, no conversion can
    /// overflow, and the data is (G + k) values per edge where unrolled code holds (G + 2k)(k + 1).
    /// Activations live in one per-thread scratch array allocated on a thread's first call, so calls allocate nothing.
    /// </summary>
    internal sealed class TableLayerWriter
    {
        private readonly SourceWriter _w;
        private readonly CodeStyle _style;
        private readonly TableLayerPlan _plan;
        private readonly KanLayer _layer;

        public TableLayerWriter(SourceWriter writer, CodeStyle style, TableLayerPlan plan)
        {
            _w = writer;
            _style = style;
            _plan = plan;
            _layer = plan.Layer;
        }

        private string P => "L" + _plan.Index.ToString(CultureInfo.InvariantCulture);

        public void WriteFields()
        {
            WriteData(P + "Knots", _layer.Knots);
            WriteData(P + "Coef", _plan.Coefficients);
            WriteData(P + "Spline", _plan.SplineScales);
            if (_layer.BaseFunction != BaseFunction.Zero)
            {
                WriteData(P + "Base", _plan.BaseScales);
            }
        }

        /// <summary>
        /// The layer method: reads <c>buffer[x + i]</c>, sums subnodes in <c>buffer[s + j]</c>, writes
        /// <c>buffer[y + n]</c>; the basis values go to <c>buffer[<paramref name="basis"/> + r]</c>.
        /// </summary>
        public void WriteMethod(int basis)
        {
            string T = _style.Type;
            int count = _layer.KnotCount, k = _layer.K, sub = _layer.SubnodeCount, coefficients = _layer.CoefficientCount;
            _w.Open("private static void Layer" + _plan.Index + "(" + T + "[] buffer, int x, int s, int y)");
            _w.Line("for (int j = 0; j < " + sub + "; j++) buffer[s + j] = " + _style.Zero + ";");
            _w.Open("for (int i = 0; i < " + _layer.InputCount + "; i++)");
            _w.Line(T + " xi = buffer[x + i];");
            _w.Line("int row = i * " + sub + ";");
            if (_layer.BaseFunction != BaseFunction.Zero)
            {
                _w.Line(T + " b = " + _style.Base(_layer.BaseFunction, "xi") + ";");
                _w.Open("for (int j = 0; j < " + sub + "; j++)");
                _w.Line(T + " c = " + P + "Base[row + j];");
                _w.Line("if (c != " + _style.Zero + ") buffer[s + j] += c * b;");
                _w.Close();
            }

            _w.Line("int span = FindSpan(" + P + "Knots, i * " + count + ", " + count + ", xi);");
            _w.Line("if (span < 0) continue;");
            _w.Line("Basis(" + P + "Knots, i * " + count + ", " + count + ", " + k + ", span, xi, buffer, " + basis + ");");
            var weights = Enumerable.Range(0, k + 1).Select(r => "w" + r).ToArray();
            _w.Line(T + " " + string.Join(", ", weights.Select((w, r) => w + " = buffer[" + (basis + r) + "]")) + ";");
            _w.Line("// Basis value r weighs coefficient span - " + k + " + r (stored " + k + " places on, past " + k + " zeros); out of range it is 0.");
            _w.Line("int c0 = row * " + coefficients + " + span;");
            _w.Open("for (int j = 0; j < " + sub + "; j++, c0 += " + coefficients + ")");
            _w.Line(T + " scale = " + P + "Spline[row + j];");
            _w.Line("if (scale == " + _style.Zero + ") continue;");
            _w.Line(T + " v = " + string.Join(" + ", weights.Select((w, r) => P + "Coef[c0" + (r == 0 ? string.Empty : " + " + r) + "] * " + w)) + ";");
            _w.Line("buffer[s + j] += scale * v;");
            _w.Close();
            _w.Close();

            foreach (SymbolicEdge edge in _layer.Symbolic)
            {
                if (edge.Mask == 0.0)
                {
                    continue;
                }

                _w.Line("buffer[s + " + edge.Output + "] += " + _style.SymbolicEdge(edge, "buffer[x + " + edge.Input + "]") + ";");
            }

            for (int j = 0; j < sub; j++)
            {
                double scale = _layer.SubnodeScale[j], bias = _layer.SubnodeBias[j];
                if (scale != 1.0 || bias != 0.0)
                {
                    string v = "buffer[s + " + j + "]";
                    _w.Line(v + " = " + _style.Affine(scale, v, bias) + ";");
                }
            }

            LayerTopology topology = _layer.Topology;
            for (int n = 0; n < topology.OutputCount; n++)
            {
                string value = topology.IsMultiplication(n)
                    ? "(" + string.Join(" * ", topology.Operands(n).Select(j => "buffer[s + " + j + "]")) + ")"
                    : "buffer[s + " + topology.Operands(n).Start + "]";
                _w.Line("buffer[y + " + n + "] = " + _style.Affine(_layer.NodeScale[n], value, _layer.NodeBias[n]) + ";");
            }

            _w.Close();
        }

        /// <summary>
        /// One array as one string literal (<see cref="Literals.Data"/>), decoded by the class's <c>Data</c> when the
        /// type initialises: the compiler reads one token instead of a literal per number, so even a model of a
        /// million values builds in seconds, and every double is bit-exact.
        /// </summary>
        private void WriteData(string name, System.Collections.Generic.IEnumerable<double> values)
        {
            string T = _style.Type;
            _w.Line("private static readonly " + T + "[] " + name + " = Data(" + Literals.Data(values, _style.UseFloat) + ");");
        }
    }
}
