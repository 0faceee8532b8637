using System;
using System.Collections.Generic;
using System.Linq;
using Kan.Generator.Planning;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// Writes one planned layer as straight-line code: per input, the base function once and the knot interval found once
    /// (arithmetic plus exact corrections on uniform grids; otherwise a branch-free count of knots, or past a dozen
    /// knots a guide table and a few exact comparisons, see <see cref="KnotGuide"/>) and shared by every
    /// outgoing edge; each edge's spline is a polynomial in <c>t = x - t_s</c> (Estrin's form) whose coefficients come from a
    /// small per-input table indexed by the interval (no data-dependent branches, which random inputs would mispredict);
    /// then the symbolic edges as inline expressions, the subnode affine, sums and products, and the node affine
    /// (pykan's MultKAN.forward).
    /// </summary>
    internal sealed partial class UnrolledLayerWriter
    {
        private readonly SourceWriter _w;
        private readonly CodeStyle _style;
        private readonly UnrolledLayerPlan _plan;
        private readonly KanLayer _layer;
        private readonly int _index;

        public UnrolledLayerWriter(SourceWriter writer, CodeStyle style, UnrolledLayerPlan plan)
        {
            _w = writer;
            _style = style;
            _plan = plan;
            _layer = plan.Layer;
            _index = plan.Index;
        }

        /// <summary>Writes the statements of the layer body: reads <c>x{i}</c>, assigns <c>y{n}</c>.</summary>
        public void WriteBody()
        {
            string T = _style.Type;
            // Every base function first: the exp calls of silu then run back to back instead of forcing the spline
            // work's registers to be saved around each call; and a sum starts from its first term instead of from
            // 0.0 (an addition the JIT cannot drop, since 0.0 + -0.0 is 0.0). Keeping each input's base terms next
            // to its spline block schedules better than summing all base terms first (measured: docs/benchmarks.md).
            // Summation order differs
            // from the evaluator's only by rounding (the 1e-12 contract).
            var baseTerms = Enumerable.Range(0, _layer.InputCount).Select(BaseTerms).ToArray();
            var splineEdges = _plan.Inputs.Select(input => input.SplineEdges.ToArray()).ToArray();
            for (int i = 0; i < _layer.InputCount; i++)
            {
                if (baseTerms[i].Count > 0)
                {
                    _w.Line(T + " b" + i + " = " + _style.Base(_layer.BaseFunction, "x" + i) + ";");
                }
            }

            // A sum is declared by its first term: a base term unless a spline block adds to it earlier, else (a sum
            // with neither) its first symbolic edge; otherwise it starts at zero.
            var declared = new bool[_layer.SubnodeCount];
            for (int j = 0; j < _layer.SubnodeCount; j++)
            {
                int firstBase = Array.FindIndex(baseTerms, terms => terms.Exists(t => t.Subnode == j));
                int firstSpline = Array.FindIndex(splineEdges, edges => Array.IndexOf(edges, j) >= 0);
                bool symbolicOnly = firstBase < 0 && firstSpline < 0 && _layer.Symbolic.Any(e => e.Output == j && e.Mask != 0.0);
                if (!symbolicOnly && (firstBase < 0 || (firstSpline >= 0 && firstSpline < firstBase)))
                {
                    _w.Line(T + " s" + j + " = " + _style.Zero + ";");
                    declared[j] = true;
                }
            }

            for (int i = 0; i < _layer.InputCount; i++)
            {
                foreach (var (j, c) in baseTerms[i])
                {
                    _w.Line((declared[j] ? "s" + j + " += " : T + " s" + j + " = ") + _style.Scale(c, "b" + i) + ";");
                    declared[j] = true;
                }

                WriteSplines(i, splineEdges[i]);
            }

            foreach (SymbolicEdge edge in _layer.Symbolic)
            {
                WriteSymbolic(edge, declared);
            }

            WriteNodes(_style.Affine);
        }

        /// <summary>
        /// The subnode affine on each sum <c>s{j}</c>; then per node of the layer's <see cref="LayerTopology"/> its
        /// operand (sum node) or the product of its operands (multiplication node), and the node affine gives <c>y{n}</c>. <paramref name="affine"/> writes
        /// <c>c * value + d</c> in the code's arithmetic (scalars or vectors).
        /// </summary>
        private void WriteNodes(Func<double, string, double, string> affine)
        {
            for (int j = 0; j < _layer.SubnodeCount; j++)
            {
                double scale = _layer.SubnodeScale[j], bias = _layer.SubnodeBias[j];
                if (scale != 1.0 || bias != 0.0)
                {
                    _w.Line("s" + j + " = " + affine(scale, "s" + j, bias) + ";");
                }
            }

            LayerTopology topology = _layer.Topology;
            for (int n = 0; n < topology.OutputCount; n++)
            {
                string value = topology.IsMultiplication(n) ? "(" + string.Join(" * ", topology.Operands(n).Select(j => "s" + j)) + ")" : "s" + topology.Operands(n).Start;
                _w.Line("y" + n + " = " + affine(_layer.NodeScale[n], value, _layer.NodeBias[n]) + ";");
            }
        }

        // (subnode, scale) of input i's base terms: unmasked edges with a non-zero scale_base * mask.
        private List<(int Subnode, double Scale)> BaseTerms(int i)
        {
            var terms = new List<(int, double)>();
            for (int j = 0; j < _layer.SubnodeCount && _layer.BaseFunction != BaseFunction.Zero; j++)
            {
                int e = _layer.EdgeIndex(i, j);
                double c = _layer.Mask[e] * _layer.ScaleBase[e];
                if (_layer.Mask[e] != 0.0 && c != 0.0)
                {
                    terms.Add((j, c));
                }
            }

            return terms;
        }

        private void WriteSplines(int i, int[] edges)
        {
            string x = "x" + i;
            if (edges.Length == 0)
            {
                return;
            }

            int offset = _layer.KnotOffset(i);
            int count = _layer.KnotCount;
            int k = _layer.K;
            string knots = KnotsField(i), polys = PolyField(i);
            // pykan's B_batch: every basis function is 0 outside [t0, t_last), half-open; NaN fails both tests.
            _w.Open("if (" + x + " >= " + _style.N(_layer.Knots[offset]) + " && " + x + " < " + _style.N(_layer.Knots[offset + count - 1]) + ")");
            WriteIntervalIndex("x" + i, i);
            _w.Line(_style.Type + " t = " + x + " - " + knots + "[s];");
            if (k >= 2)
            {
                _w.Line(_style.Type + " t2 = t * t;");
            }

            _w.Line("int p = s * " + (edges.Length * (k + 1)) + ";");
            for (int n = 0; n < edges.Length; n++)
            {
                _w.Line("s" + edges[n] + " += " + Polynomial(polys, n * (k + 1), k) + ";");
            }

            _w.Close();
        }

        /// <summary>
        /// c0 + c1 t + ... + ck t^k from <c>table[p + first ..]</c> in Estrin's form: Horner in t^2 over the pairs
        /// (c_2m + c_2m+1 t), e.g. <c>(c0 + t * c1) + t2 * (c2 + t * c3)</c>. The pairs are independent, so the chain
        /// of dependent operations is about half Horner's, at the same accuracy class (docs/benchmarks.md).
        /// </summary>
        private static string Polynomial(string table, int first, int k) => Polynomial(q => table + "[p + " + (first + q) + "]", k);

        private static string Polynomial(Func<int, string> C, int k)
        {
            string Pair(int q) => q + 1 <= k ? C(q) + " + t * " + C(q + 1) : C(q);
            int last = k - k % 2;
            string expr = Pair(last);
            for (int q = last - 2; q >= 0; q -= 2)
            {
                expr = "(" + Pair(q) + ") + t2 * " + (q + 2 == last && last == k ? expr : "(" + expr + ")");
            }

            return expr;
        }

        /// <summary>
        /// Per input with spline edges: its knots and, per knot interval, every spline edge's polynomial (k + 1
        /// coefficients each, zero for empty intervals) as static readonly arrays, created once with the class.
        /// Indexing a table by the interval keeps the hot path free of data-dependent branches.
        /// </summary>
        public void WriteFields()
        {
            foreach (InputPlan input in _plan.Inputs)
            {
                if (input.SplineEdges.Length == 0)
                {
                    continue;
                }

                int i = input.Input;
                WriteArray(_w, _style, KnotsField(i), input.Knots);
                WriteArray(_w, _style, PolyField(i), input.Polynomials);
                if (input.Search is KnotGuide guide)
                {
                    bool small = guide.Guide.Max() <= byte.MaxValue;
                    string type = small ? "byte" : "int";
                    _w.Line("private static readonly " + type + "[] " + GuideField(i) + " = new " + type + "[]");
                    _w.Line("{");
                    _w.Indentation++;
                    for (int at = 0; at < guide.Guide.Length; at += 16)
                    {
                        _w.Line(string.Join(", ", guide.Guide.Skip(at).Take(16).Select(Literals.Int)) + ",");
                    }

                    _w.Indentation--;
                    _w.Line("};");
                }
            }
        }

        internal static void WriteArray(SourceWriter w, CodeStyle style, string name, IEnumerable<double> values)
        {
            string T = style.Type;
            w.Line("private static readonly " + T + "[] " + name + " = new " + T + "[]");
            w.Line("{");
            w.Indentation++;
            var line = new List<string>();
            foreach (double v in values)
            {
                line.Add(style.N(v));
                if (line.Count == 8)
                {
                    w.Line(string.Join(", ", line) + ",");
                    line.Clear();
                }
            }

            if (line.Count > 0)
            {
                w.Line(string.Join(", ", line) + ",");
            }

            w.Indentation--;
            w.Line("};");
        }

        private string KnotsField(int i) => "L" + _index + "Knots" + i;

        private string PolyField(int i) => "L" + _index + "Poly" + i;

        private string GuideField(int i) => "L" + _index + "Guide" + i;

        // Edges (subnodes) of input i with a spline to add.
        private int[] SplineEdges(int i) => _plan.Inputs[i].SplineEdges.ToArray();

        // The interval s with t_s <= x < t_{s+1} (pykan's half-open test, BSplineBasis.FindSpan), x known inside.
        private void WriteIntervalIndex(string x, int i)
        {
            string knots = KnotsField(i);
            int offset = _layer.KnotOffset(i), count = _layer.KnotCount;
            int last = count - 2;
            switch (_plan.Inputs[i].Search)
            {
                case UniformSearch uniform:
                    // Arithmetic estimate, then exact comparisons with the knots move it to the interval FindSpan picks
                    // (x is inside [t0, t_last), so both loops stop inside the table): rounding can never change the
                    // result, and corrections are rare, so the branches are well predicted.
                    _w.Line("int s = (int)((" + _style.Minus(x, uniform.T0) + ") * " + _style.N(uniform.InverseStep) + ");");
                    _w.Line("if (s > " + last + ") s = " + last + ";");
                    _w.Line("while (" + x + " < " + knots + "[s]) s--;");
                    _w.Line("while (" + x + " >= " + knots + "[s + 1]) s++;");
                    break;
                case CountedSearch:
                    // Count the interior knots at or below x: branch-free (compiled to compare-and-set), and with
                    // repeated knots it lands on the non-empty interval, exactly as FindSpan does.
                    var terms = Enumerable.Range(1, count - 2).Select(m => "(" + x + " >= " + _style.N(_layer.Knots[offset + m]) + " ? 1 : 0)");
                    _w.Line("int s = " + string.Join(" + ", terms) + ";");
                    break;
                case KnotGuide guide:
                    string cell = "(int)((" + _style.Minus(x, _layer.Knots[offset]) + ") * " + _style.N(guide.Scale) + ")";
                    var reach = Enumerable.Range(1, guide.Reach).Select(r => " + (" + x + " >= " + knots + "[g + " + r + "] ? 1 : 0)");
                    _w.Line("int g = " + GuideField(i) + "[" + cell + "];");
                    _w.Line("int s = g" + string.Concat(reach) + ";");
                    break;
                default:
                    _w.Line("int s = 0, hi = " + (count - 1) + ";");
                    _w.Open("while (hi - s > 1)");
                    _w.Line("int mid = (s + hi) >> 1;");
                    _w.Line("if (" + knots + "[mid] <= " + x + ") s = mid; else hi = mid;");
                    _w.Close();
                    break;
            }
        }

        private void WriteSymbolic(SymbolicEdge edge, bool[] declared)
        {
            // A masked-out symbolic edge is dropped (docs/generator.md: pykan would still propagate NaN from a
            // masked singular function; the generated code treats the edge as absent).
            if (edge.Mask == 0.0)
            {
                return;
            }

            int j = edge.Output;
            _w.Line((declared[j] ? "s" + j + " += " : _style.Type + " s" + j + " = ") + _style.SymbolicEdge(edge, "x" + edge.Input) + ";");
            declared[j] = true;
        }
    }
}
