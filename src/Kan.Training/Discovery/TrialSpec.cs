using System.Collections.Generic;
using System.Linq;

namespace Kan.Training.Discovery
{
    /// <summary>One network discovery trains: its widths (pykan's notation), multiplication arity, seed and lamb.</summary>
    internal sealed class TrialSpec
    {
        public TrialSpec(IReadOnlyList<LayerWidth> widths, int multArity, int seed, double lamb, bool separable = false)
        {
            Separable = separable;
            Widths = widths;
            MultArity = multArity;
            Seed = seed;
            Lamb = lamb;
        }

        public IReadOnlyList<LayerWidth> Widths { get; }

        public int MultArity { get; }

        public int Seed { get; }

        public double Lamb { get; }

        /// <summary>
        /// Every layer but the last connects input i only to subnode i: the network is a sum or product of one
        /// chain of functions per variable (<c>c * f(x1) * g(h(x2))</c>), which cannot mix variables, so it trains
        /// without the degeneracy of a full product and snaps edge by edge.
        /// </summary>
        public bool Separable { get; }

        /// <summary>
        /// The last layer is fixed to the identity (symbolic <c>x</c> with a trained affine) from the start. Behind
        /// a product, a free outer function makes the problem degenerate (<c>x*y = h(F(x)*G(y))</c> for every power
        /// <c>h(p) = p^k</c>), and training picks some k whose F and G are no library functions.
        /// </summary>
        public bool LinearOutput => Widths.Any(w => w.Mult > 0);

        /// <summary>Has a hidden layer that pruning can simplify.</summary>
        public bool CanPrune => Widths.Count > 2 && !Separable;

        public override string ToString() =>
            (Separable ? "separable " : "") + "[" + string.Join(",", Widths.Select(w => w.ToString())) + "]" + (Widths.Any(w => w.Mult > 0) ? " arity " + MultArity : "") +
            " seed " + Seed + " lamb " + Lamb.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
