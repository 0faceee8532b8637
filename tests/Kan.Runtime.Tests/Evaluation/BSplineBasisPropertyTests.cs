using System;
using System.Linq;
using Kan.Runtime.Tests.Support;
using Kan.Splines;

namespace Kan.Runtime.Tests.Evaluation;

/// <summary>
/// The shared local basis (k+1 functions around the span) against the naive whole-vector Cox–de Boor recursion of
/// pykan's B_batch, on random knot vectors with repeated knots, at random points, on every knot and outside.
/// </summary>
public class BSplineBasisPropertyTests
{
    [Fact]
    public void Local_basis_matches_naive_recursion_everywhere()
    {
        var rng = new Random(3);
        int compared = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            int k = 1 + rng.Next(5);
            int count = 1 + rng.Next(8) + 2 * k + 1;
            // Multiples of 1/4 in a narrow range: many repeated knots, sometimes k+1 or more in a row.
            double[] t = Enumerable.Range(0, count).Select(_ => rng.Next(0, 2 * count) / 4.0).OrderBy(v => v).ToArray();
            var xs = t.Concat(Enumerable.Range(0, 20).Select(_ => t[0] - 1 + rng.NextDouble() * (t[^1] - t[0] + 2))).ToArray();
            var local = new double[k + 1];
            foreach (double x in xs)
            {
                int span = BSplineBasis.FindSpan(t, x);
                bool inside = t[0] <= x && x < t[^1];
                (span >= 0).ShouldBe(inside, $"x = {x}");
                if (span >= 0)
                {
                    (t[span] <= x && x < t[span + 1]).ShouldBeTrue();
                    BSplineBasis.Evaluate(t, k, span, x, local);
                }

                for (int m = 0; m < count - k - 1; m++)
                {
                    int r = m - (span - k);
                    double fast = span >= 0 && r >= 0 && r <= k ? local[r] : 0.0;
                    double naive = NaiveKan.Basis(t, m, k, x);
                    Math.Abs(fast - naive).ShouldBeLessThanOrEqualTo(1e-14, $"k {k} knots [{string.Join(", ", t)}] x {x} B_{m}");
                    compared++;
                }
            }
        }

        compared.ShouldBeGreaterThan(50000);
    }
}
