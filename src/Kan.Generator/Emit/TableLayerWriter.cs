using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// Table mode for large models: each layer's knots, pre-converted spline polynomials and scales become
    /// <c>static readonly</c> arrays (initialised once with the type), evaluated by tight loops. Activations live in
    /// one per-thread scratch array allocated on a thread's first call, so calls allocate nothing.
    /// Same arithmetic as <see cref="UnrolledLayerWriter"/>: same polynomials, same Horner order.
    /// </summary>
    internal sealed class TableLayerWriter
    {
        private readonly SourceWriter _w;
        private readonly CodeStyle _style;
        private readonly KanLayer _layer;
        private readonly int _index;

        public TableLayerWriter(SourceWriter writer, CodeStyle style, KanLayer layer, int index)
        {
            _w = writer;
            _style = style;
            _layer = layer;
            _index = index;
        }

        private string P => "L" + _index.ToString(CultureInfo.InvariantCulture);

        public void WriteFields()
        {
            int count = _layer.KnotCount, k = _layer.K, sub = _layer.SubnodeCount;
            var polys = new List<double>();
            var baseScale = new List<double>();
            for (int i = 0; i < _layer.InputCount; i++)
            {
                int offset = _layer.KnotOffset(i);
                for (int s = 0; s + 1 < count; s++)
                {
                    bool nonEmpty = _layer.Knots[offset + s + 1] > _layer.Knots[offset + s];
                    double[][]? basis = nonEmpty ? SplinePolynomials.Basis(_layer.Knots, offset, count, k, s) : null;
                    for (int j = 0; j < sub; j++)
                    {
                        int e = _layer.EdgeIndex(i, j);
                        double scale = _layer.Mask[e] * _layer.ScaleSpline[e];
                        double[] poly = basis is null || scale == 0.0
                            ? new double[k + 1]
                            : SplinePolynomials.Combine(basis, _layer.Coefficients, _layer.CoefficientOffset(i, j), _layer.CoefficientCount, k, s, scale);
                        UnrolledLayerWriter.EnsureFinite(poly);
                        polys.AddRange(poly);
                    }
                }

                for (int j = 0; j < sub; j++)
                {
                    int e = _layer.EdgeIndex(i, j);
                    baseScale.Add(_layer.Mask[e] * _layer.ScaleBase[e]);
                }
            }

            WriteArray(P + "Knots", _layer.Knots);
            WriteArray(P + "Poly", polys);
            if (_layer.BaseFunction != BaseFunction.Zero)
            {
                WriteArray(P + "Base", baseScale);
            }
        }

        /// <summary>The layer method: reads <c>buffer[x + i]</c>, uses <c>buffer[s + j]</c> for subnodes, writes <c>buffer[y + n]</c>.</summary>
        public void WriteMethod()
        {
            string T = _style.Type;
            int count = _layer.KnotCount, k = _layer.K, sub = _layer.SubnodeCount;
            _w.Open("private static void Layer" + _index + "(" + T + "[] buffer, int x, int s, int y)");
            _w.Line("for (int j = 0; j < " + sub + "; j++) buffer[s + j] = " + _style.Zero + ";");
            _w.Open("for (int i = 0; i < " + _layer.InputCount + "; i++)");
            _w.Line(T + " xi = buffer[x + i];");
            if (_layer.BaseFunction != BaseFunction.Zero)
            {
                _w.Line(T + " b = " + _style.Base(_layer.BaseFunction, "xi") + ";");
                _w.Line("int row = i * " + sub + ";");
                _w.Open("for (int j = 0; j < " + sub + "; j++)");
                _w.Line(T + " c = " + P + "Base[row + j];");
                _w.Line("if (c != " + _style.Zero + ") buffer[s + j] += c * b;");
                _w.Close();
            }

            _w.Line("int span = FindSpan(" + P + "Knots, i * " + count + ", " + count + ", xi);");
            _w.Line("if (span < 0) continue;");
            _w.Line(T + " t = xi - " + P + "Knots[i * " + count + " + span];");
            _w.Line("int p = (i * " + (count - 1) + " + span) * " + (sub * (k + 1)) + ";");
            _w.Open("for (int j = 0; j < " + sub + "; j++, p += " + (k + 1) + ")");
            _w.Line(T + " v = " + P + "Poly[p + " + k + "];");
            _w.Line("for (int q = " + (k - 1) + "; q >= 0; q--) v = " + P + "Poly[p + q] + t * v;");
            _w.Line("buffer[s + j] += v;");
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

            for (int n = 0; n < _layer.SumCount; n++)
            {
                _w.Line("buffer[y + " + n + "] = " + _style.Affine(_layer.NodeScale[n], "buffer[s + " + n + "]", _layer.NodeBias[n]) + ";");
            }

            int operand = _layer.SumCount;
            for (int m = 0; m < _layer.MultArity.Length; m++)
            {
                var factors = Enumerable.Range(operand, _layer.MultArity[m]).Select(o => "buffer[s + " + o + "]");
                operand += _layer.MultArity[m];
                int n = _layer.SumCount + m;
                _w.Line("buffer[y + " + n + "] = " + _style.Affine(_layer.NodeScale[n], "(" + string.Join(" * ", factors) + ")", _layer.NodeBias[n]) + ";");
            }

            _w.Close();
        }

        private void WriteArray(string name, IEnumerable<double> values) => UnrolledLayerWriter.WriteArray(_w, _style, name, values);
    }
}
