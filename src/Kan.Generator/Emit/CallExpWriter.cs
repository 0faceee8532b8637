using System.Globalization;
using System.Linq;

namespace Kan.Generator.Emit
{
    /// <summary>
    /// <c>CallExp</c>, the exponential of the single-call path's silus (<c>x / (1 + exp(-x))</c>). A single call is
    /// latency-bound: each layer's exp sits on the path from its inputs to its outputs, so what counts is the length of
    /// the exp's dependency chain (docs/benchmarks.md measures it against <c>Vector256.Exp</c>). This one evaluates the
    /// degree-12 Taylor polynomial of exp on |r| &lt;= ln2/2 in Estrin's form (four levels), after the usual reduction
    /// x = n ln2 + r (n by the 1.5 * 2^52 shifter, ln2 in two parts). Error: truncation below 2e-16 relative plus a
    /// few roundings, well inside the generated code's 1e-12 contract. 2^n is built in the exponent bits, which hold it
    /// for x in [-708, 709.08]; no clamp sits on the latency path: outside that range the selects at the end decide.
    /// Past 709.78 exp is +infinity (as <c>Math.Exp</c>); in (709.08, 709.78] it comes out +infinity too, where the
    /// true value is about 1e308 (silu's 1 + e^x then divides to -0 instead of about -5e-306, an absolute
    /// difference far inside the contract); below -708 it is taken as 0, which changes nothing where it is used:
    /// 1 + e^x is then exactly 1. Infinite arguments give +infinity and 0, NaN stays NaN.
    /// </summary>
    internal static class CallExpWriter
    {
        public const string Name = "CallExp";

        public static void Write(SourceWriter w, string attribute)
        {
            string v = UnrolledLayerWriter.Vector, o = UnrolledLayerWriter.VectorOps;
            string C(double value) => o + ".Create(" + Literals.Double(value) + ")";
            w.Line("// e^x for the single call's silus: x = n ln2 + r, e^r by its Taylor polynomial to r^12 in Estrin's form (a short");
            w.Line("// dependency chain: one call is latency-bound), 2^n in the exponent bits; past the normal range the selects decide.");
            w.Line(attribute);
            w.Open("private static " + v + " " + Name + "(" + v + " x)");
            w.Line("var shifter = " + C(6755399441055744.0) + ";");
            w.Line("var t = " + o + ".FusedMultiplyAdd(x, " + C(1.4426950408889634) + ", shifter);");
            w.Line("var n = t - shifter;");
            w.Line("var r = " + o + ".FusedMultiplyAdd(n, " + C(-0.6931471805599453) + ", x);");
            w.Line("r = " + o + ".FusedMultiplyAdd(n, " + C(-2.3190468138462996e-17) + ", r);");
            w.Line("var r2 = r * r;");
            w.Line("var r4 = r2 * r2;");
            w.Line("var r8 = r4 * r4;");
            double[] c = Enumerable.Range(0, 13).Select(Factorial).Select(f => 1.0 / f).ToArray();
            string Pair(int k) => o + ".FusedMultiplyAdd(" + C(c[k + 1]) + ", r, " + C(c[k]) + ")";
            w.Line("var q0 = " + o + ".FusedMultiplyAdd(" + Pair(2) + ", r2, " + Pair(0) + ");");
            w.Line("var q1 = " + o + ".FusedMultiplyAdd(" + Pair(6) + ", r2, " + Pair(4) + ");");
            w.Line("var q2 = " + o + ".FusedMultiplyAdd(" + Pair(10) + ", r2, " + Pair(8) + ");");
            w.Line("var s0 = " + o + ".FusedMultiplyAdd(q1, r4, q0);");
            w.Line("var s1 = " + o + ".FusedMultiplyAdd(" + C(c[12]) + ", r4, q2);");
            w.Line("var p = " + o + ".FusedMultiplyAdd(s1, r8, s0);");
            w.Line("var scale = " + o + ".AsDouble(" + o + ".ShiftLeft(" + o + ".AsInt64(t) - " + o + ".AsInt64(shifter) + " + o + ".Create(1023L), 52));");
            w.Line("var y = p * scale;");
            w.Line("y = " + o + ".ConditionalSelect(" + o + ".GreaterThan(x, " + C(709.782712893384) + "), " + o + ".Create(double.PositiveInfinity), y);");
            w.Line("y = " + o + ".ConditionalSelect(" + o + ".LessThan(x, " + C(-708.0) + "), " + v + ".Zero, y);");
            w.Line("return " + o + ".ConditionalSelect(" + o + ".Equals(x, x), y, x);");
            w.Close();
        }

        private static double Factorial(int k) => k <= 1 ? 1.0 : k * Factorial(k - 1);
    }
}
