using System;

namespace Kan.Training
{
    /// <summary>
    /// One entry of pykan's <c>width</c>: a node count as <c>[nSum, nMult]</c>. An <c>int</c> converts to
    /// <c>(n, 0)</c>, exactly as pykan expands <c>width=[2,5,1]</c>.
    /// </summary>
    public readonly struct LayerWidth : IEquatable<LayerWidth>
    {
        public LayerWidth(int sum, int mult = 0)
        {
            if (sum < 0 || mult < 0 || sum + mult == 0)
            {
                throw new ArgumentException("A layer needs at least one node and no negative counts.");
            }

            Sum = sum;
            Mult = mult;
        }

        public int Sum { get; }

        public int Mult { get; }

        /// <summary>Node count after multiplication (pykan <c>width_in</c>).</summary>
        public int Nodes => Sum + Mult;

        public static implicit operator LayerWidth(int nodes) => new LayerWidth(nodes);

        public bool Equals(LayerWidth other) => Sum == other.Sum && Mult == other.Mult;

        public override bool Equals(object? obj) => obj is LayerWidth w && Equals(w);

        public override int GetHashCode() => Sum * 397 + Mult;

        public override string ToString() => Mult == 0 ? Sum.ToString(System.Globalization.CultureInfo.InvariantCulture) : "[" + Sum + "," + Mult + "]";
    }
}
