// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;
using System.Collections.Immutable;

namespace Kan
{
    public sealed partial class KanLayer
    {
        /// <summary>
        /// Named construction of a <see cref="KanLayer"/>: every array is set by its name, and <see cref="Build"/>
        /// checks the shapes against <see cref="Topology"/>. <see cref="Knots"/>, <see cref="Coefficients"/>,
        /// <see cref="ScaleBase"/> and <see cref="ScaleSpline"/> are required; the others default to pykan's
        /// initial values (mask and scales 1, biases 0, no symbolic branch).
        /// </summary>
        public sealed class Builder
        {
            public Builder(LayerTopology topology)
            {
                Topology = topology ?? throw new ArgumentNullException(nameof(topology));
            }

            public LayerTopology Topology { get; }

            /// <summary>Spline order (pykan <c>k</c>); pykan's default is 3.</summary>
            public int K { get; set; } = 3;

            /// <summary>pykan's default is silu.</summary>
            public BaseFunction BaseFunction { get; set; } = BaseFunction.Silu;

            /// <summary><c>[in, G + 2k + 1]</c>.</summary>
            public ImmutableArray<double> Knots { get; set; }

            /// <summary><c>[in, sub, G + k]</c>.</summary>
            public ImmutableArray<double> Coefficients { get; set; }

            /// <summary><c>[in, sub]</c>.</summary>
            public ImmutableArray<double> ScaleBase { get; set; }

            /// <summary><c>[in, sub]</c>.</summary>
            public ImmutableArray<double> ScaleSpline { get; set; }

            /// <summary><c>[in, sub]</c>; all ones when not set.</summary>
            public ImmutableArray<double> Mask { get; set; }

            /// <summary>Symbolic branches in any order; none when not set.</summary>
            public ImmutableArray<SymbolicEdge> Symbolic { get; set; }

            /// <summary>One per subnode; all ones when not set.</summary>
            public ImmutableArray<double> SubnodeScale { get; set; }

            /// <summary>One per subnode; all zeros when not set.</summary>
            public ImmutableArray<double> SubnodeBias { get; set; }

            /// <summary>One per output; all ones when not set.</summary>
            public ImmutableArray<double> NodeScale { get; set; }

            /// <summary>One per output; all zeros when not set.</summary>
            public ImmutableArray<double> NodeBias { get; set; }

            /// <summary>The layer; throws <see cref="ArgumentException"/> naming the first inconsistent or missing array.</summary>
            public KanLayer Build() => new KanLayer(this);
        }
    }
}
