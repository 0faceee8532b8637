using System.Collections.Generic;
using Kan.Symbolic;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// Writes one layer as straight-line code: per input, the base function once, the knot interval found once
    /// (arithmetic plus exact correcting comparisons on uniform grids, an unrolled binary search otherwise) and
    /// shared by every outgoing edge, each edge's spline as a Horner polynomial in <c>t = x - t_s</c>; then the
    /// symbolic edges, the subnode affine, sums and products, and the node affine (pykan's MultKAN.forward).
    /// </summary>
    internal sealed class UnrolledLayerWriter
    {
        private readonly SourceWriter _w;
        private readonly CodeStyle _style;
        private readonly KanLayer _layer;

        public UnrolledLayerWriter(SourceWriter writer, CodeStyle style, KanLayer layer)
        {
            _w = writer;
            _style = style;
            _layer = layer;
        }

        /// <summary>Spline polynomial terms this layer would emit unrolled; decides table mode.</summary>
        public static long CountTerms(KanLayer layer)
        {
            long active = 0;
            for (int e = 0; e < layer.Mask.Length; e++)
            {
                if (layer.Mask[e] != 0.0 && layer.ScaleSpline[e] != 0.0)
                {
                    active++;
                }
            }

            return active * (layer.KnotCount - 1) * (layer.K + 1);
        }

        /// <summary>Writes the statements of the layer body: reads <c>x{i}</c>, assigns <c>y{n}</c>.</summary>
        public void WriteBody()
        {
            string T = _style.Type;
            for (int j = 0; j < _layer.SubnodeCount; j++)
            {
                _w.Line(T + " s" + j + " = " + _style.Zero + ";");
            }

            for (int i = 0; i < _layer.InputCount; i++)
            {
                WriteInput(i);
            }

            foreach (SymbolicEdge edge in _layer.Symbolic)
            {
                WriteSymbolic(edge);
            }

            for (int j = 0; j < _layer.SubnodeCount; j++)
            {
                double scale = _layer.SubnodeScale[j], bias = _layer.SubnodeBias[j];
                if (scale != 1.0 || bias != 0.0)
                {
                    _w.Line("s" + j + " = " + _style.Affine(scale, "s" + j, bias) + ";");
                }
            }

            WriteNodes(_w, _style, _layer);
        }

        /// <summary>Sum nodes pass through; each multiplication node multiplies its consecutive operands; then the node affine.</summary>
        internal static void WriteNodes(SourceWriter w, CodeStyle style, KanLayer layer)
        {
            for (int n = 0; n < layer.SumCount; n++)
            {
                w.Line("y" + n + " = " + style.Affine(layer.NodeScale[n], "s" + n, layer.NodeBias[n]) + ";");
            }

            int operand = layer.SumCount;
            for (int m = 0; m < layer.MultArity.Length; m++)
            {
                var factors = new List<string>();
                for (int a = 0; a < layer.MultArity[m]; a++)
                {
                    factors.Add("s" + (operand + a));
                }

                operand += layer.MultArity[m];
                int n = layer.SumCount + m;
                w.Line("y" + n + " = " + style.Affine(layer.NodeScale[n], "(" + string.Join(" * ", factors) + ")", layer.NodeBias[n]) + ";");
            }
        }

        private void WriteInput(int i)
        {
            string x = "x" + i;
            int sub = _layer.SubnodeCount;
            bool any = false;
            var baseTerms = new List<string>();
            for (int j = 0; j < sub; j++)
            {
                int e = _layer.EdgeIndex(i, j);
                double mask = _layer.Mask[e];
                if (mask == 0.0)
                {
                    continue;
                }

                any = true;
                double c = mask * _layer.ScaleBase[e];
                if (_layer.BaseFunction != BaseFunction.Zero && c != 0.0)
                {
                    baseTerms.Add("s" + j + " += " + _style.Scale(c, "b" + i) + ";");
                }
            }

            if (!any)
            {
                return;
            }

            if (baseTerms.Count > 0)
            {
                _w.Line(_style.Type + " b" + i + " = " + _style.Base(_layer.BaseFunction, x) + ";");
                foreach (string term in baseTerms)
                {
                    _w.Line(term);
                }
            }

            var intervals = SplineIntervals(i);
            if (intervals.Count == 0)
            {
                return;
            }

            int offset = _layer.KnotOffset(i);
            int count = _layer.KnotCount;
            string t0 = _style.N(_layer.Knots[offset]);
            string tLast = _style.N(_layer.Knots[offset + count - 1]);
            // pykan's B_batch: every basis function is 0 outside [t0, t_last), half-open; NaN fails both tests.
            _w.Open("if (" + x + " >= " + t0 + " && " + x + " < " + tLast + ")");
            if (SplinePolynomials.IsUniform(_layer.Knots, offset, count))
            {
                WriteUniformSwitch(i, intervals, offset, count);
            }
            else
            {
                var nonEmpty = new List<int>();
                for (int s = 0; s + 1 < count; s++)
                {
                    if (_layer.Knots[offset + s + 1] > _layer.Knots[offset + s])
                    {
                        nonEmpty.Add(s);
                    }
                }

                WriteSearchTree(i, intervals, nonEmpty, 0, nonEmpty.Count - 1, offset);
            }

            _w.Close();
        }

        // Interval index by arithmetic, then one exact comparison with the neighbouring knots moves it to the
        // interval pykan's half-open test picks (IsUniform guarantees the estimate is off by at most one), so rounding
        // in the multiplication never changes the result. Two forward switches, no backward jumps: keeps the C#
        // compiler's flow analysis linear on big methods.
        private void WriteUniformSwitch(int i, Dictionary<int, List<string>> intervals, int offset, int count)
        {
            string x = "x" + i, k = "k" + i;
            double t0 = _layer.Knots[offset];
            double h = (_layer.Knots[offset + count - 1] - t0) / (count - 1);
            int last = count - 2;
            _w.Line("int " + k + " = (int)((" + _style.Minus(x, t0) + ") * " + _style.N(1.0 / h) + ");");
            _w.Open("switch (" + k + ")");
            for (int s = 0; s <= last + 1; s++)
            {
                // The estimate can reach last + 1 when x is just below t_last.
                string lower = s > 0 ? "if (" + x + " < " + _style.N(_layer.Knots[offset + s]) + ") " + k + " = " + (s - 1) + ";" : string.Empty;
                string upper = s < last ? "if (" + x + " >= " + _style.N(_layer.Knots[offset + s + 1]) + ") " + k + " = " + (s + 1) + ";" : string.Empty;
                if (s > last)
                {
                    _w.Line("case " + s + ": " + k + " = " + last + "; break;");
                }
                else if (lower.Length > 0 && upper.Length > 0)
                {
                    _w.Line("case " + s + ": " + lower + " else " + upper + " break;");
                }
                else if (lower.Length + upper.Length > 0)
                {
                    _w.Line("case " + s + ": " + lower + upper + " break;");
                }
            }

            _w.Close();
            _w.Open("switch (" + k + ")");
            for (int s = 0; s <= last; s++)
            {
                if (!intervals.ContainsKey(s))
                {
                    continue;
                }

                _w.Line("case " + s + ":");
                _w.Indentation++;
                WriteLeaf(i, intervals, s, offset, block: true);
                _w.Line("break;");
                _w.Indentation--;
            }

            _w.Close();
        }

        // An unrolled binary search over the non-empty intervals: the leaves partition [t0, t_last).
        private void WriteSearchTree(int i, Dictionary<int, List<string>> intervals, List<int> nonEmpty, int lo, int hi, int offset)
        {
            if (lo == hi)
            {
                WriteLeaf(i, intervals, nonEmpty[lo], offset, block: false);
                return;
            }

            int mid = (lo + hi + 1) / 2;
            _w.Open("if (x" + i + " < " + _style.N(_layer.Knots[offset + nonEmpty[mid]]) + ")");
            WriteSearchTree(i, intervals, nonEmpty, lo, mid - 1, offset);
            _w.Close();
            _w.Open("else");
            WriteSearchTree(i, intervals, nonEmpty, mid, hi, offset);
            _w.Close();
        }

        private void WriteLeaf(int i, Dictionary<int, List<string>> intervals, int s, int offset, bool block)
        {
            if (!intervals.TryGetValue(s, out var lines) || lines.Count == 0)
            {
                return;
            }

            if (block)
            {
                _w.Open();
            }

            _w.Line(_style.Type + " t = " + _style.Minus("x" + i, _layer.Knots[offset + s]) + ";");
            foreach (string line in lines)
            {
                _w.Line(line);
            }

            if (block)
            {
                _w.Close();
            }
        }

        // Per non-empty interval, the statements adding each edge's spline polynomial (scaled by mask * scale_sp).
        private Dictionary<int, List<string>> SplineIntervals(int i)
        {
            var result = new Dictionary<int, List<string>>();
            int count = _layer.KnotCount, k = _layer.K, offset = _layer.KnotOffset(i);
            for (int s = 0; s + 1 < count; s++)
            {
                if (!(_layer.Knots[offset + s + 1] > _layer.Knots[offset + s]))
                {
                    continue;
                }

                double[][]? basis = null;
                var lines = new List<string>();
                for (int j = 0; j < _layer.SubnodeCount; j++)
                {
                    int e = _layer.EdgeIndex(i, j);
                    double scale = _layer.Mask[e] * _layer.ScaleSpline[e];
                    if (scale == 0.0)
                    {
                        continue;
                    }

                    basis ??= SplinePolynomials.Basis(_layer.Knots, offset, count, k, s);
                    double[] poly = SplinePolynomials.Combine(basis, _layer.Coefficients, _layer.CoefficientOffset(i, j), _layer.CoefficientCount, k, s, scale);
                    EnsureFinite(poly);
                    int degree = SplinePolynomials.Degree(poly);
                    if (degree >= 0)
                    {
                        lines.Add("s" + j + " += " + _style.Horner(poly, degree, "t") + ";");
                    }
                }

                if (lines.Count > 0)
                {
                    result[s] = lines;
                }
            }

            return result;
        }

        private void WriteSymbolic(SymbolicEdge edge)
        {
            // A masked-out symbolic edge is dropped (docs/generator.md: pykan would still propagate NaN from a
            // masked singular function; the generated code treats the edge as absent).
            if (edge.Mask == 0.0)
            {
                return;
            }

            string x = "x" + edge.Input;
            string argument = edge.A == 1.0 ? x : "(" + _style.N(edge.A) + " * " + x + ")";
            if (edge.B != 0.0)
            {
                argument = "(" + _style.Plus(edge.A == 1.0 ? x : _style.N(edge.A) + " * " + x, edge.B) + ")";
            }

            string value = _style.Symbolic(SymbolicFunctions.Get(edge.Function), argument);
            _w.Line("s" + edge.Output + " += " + _style.Affine(edge.Mask * edge.C, value, edge.Mask * edge.D) + ";");
        }

        internal static void EnsureFinite(double[] values)
        {
            foreach (double v in values)
            {
                if (double.IsNaN(v) || double.IsInfinity(v))
                {
                    throw new UncompilableModelException("a spline polynomial coefficient is not finite (knots too close together for the coefficients' size)");
                }
            }
        }
    }
}
