using System.Collections.Generic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// The fixed list of trials, in stages of increasing cost. A stage runs only if the ones before found no exact
    /// formula, so simple problems finish fast and the plan (hence the result) never depends on timing.
    /// Shapes: sums of univariate functions <c>[n,1]</c>; separable products of them (<c>[n,[0,1],1]</c> with
    /// arity n, input i feeding only operand i: the monomials of physics) and of per-variable compositions
    /// (<c>[n,n,[0,1],1]</c>: <c>m0 * 1/sqrt(1 - v^2)</c>); a sum and a product <c>[n,[1,1],1]</c>; full products;
    /// small hidden layers <c>[n,2,1]</c>, <c>[n,5,1]</c> pruned after sparsification; depth 3 for compositions
    /// (<c>[n,2,1,1]</c>) and products of compositions (<c>[n,2,[0,1],1]</c>).
    /// </summary>
    internal static class SearchPlan
    {
        public static IReadOnlyList<IReadOnlyList<TrialSpec>> Stages(int n, int seed)
        {
            if (n == 1)
            {
                return new[]
                {
                    new[] { Spec(seed, 0.0, 0, 1, 1), Spec(seed, 0.0, 0, 1, 1, 1) },
                    new[] { Spec(seed, 1e-3, 0, 1, 2, 1), Spec(seed + 1, 0.0, 0, 1, 1, 1), Spec(seed, 1e-3, 0, 1, 2, 1, 1) },
                    new[] { Spec(seed + 1, 1e-3, 0, 1, 2, 1), Spec(seed, 1e-2, 0, 1, 5, 1) },
                };
            }

            return new[]
            {
                // Cheap and common: sums and (separable) products of one function per variable.
                new[] { Spec(seed, 0.0, 0, n, 1), Separable(seed, n, new LayerWidth(0, 1), 1) },
                new[]
                {
                    Separable(seed, n, n, new LayerWidth(0, 1), 1), Spec(seed, 1e-3, 2, n, new LayerWidth(1, 1), 1), Spec(seed, 1e-3, 0, n, 2, 1),
                },
                new[]
                {
                    Spec(seed, 1e-3, n, n, new LayerWidth(0, 1), 1), Separable(seed, n, n, 1), Spec(seed + 1, 1e-3, 2, n, new LayerWidth(1, 1), 1),
                    Spec(seed, 1e-3, 0, n, 2, 1, 1), Spec(seed, 1e-3, 0, n, 5, 1),
                },
                new[]
                {
                    Spec(seed, 1e-3, 2, n, 2, new LayerWidth(0, 1), 1), Separable(seed + 1, n, n, new LayerWidth(0, 1), 1),
                    Spec(seed + 1, 1e-3, 0, n, 2, 1, 1), Spec(seed + 1, 1e-2, 0, n, 5, 1),
                },
            };
        }

        /// <summary>A sum or product of per-variable chains (see <see cref="TrialSpec.Separable"/>); arity n for the product.</summary>
        private static TrialSpec Separable(int seed, params LayerWidth[] widths) =>
            new TrialSpec(widths, widths[0].Nodes, seed, 0.0, separable: true);

        private static TrialSpec Spec(int seed, double lamb, int arity, params LayerWidth[] widths) =>
            new TrialSpec(widths, arity < 2 ? 2 : arity, seed, lamb);
    }
}
