using Kan.Training.Symbolic;

namespace Kan.Training.Discovery
{
    /// <summary>
    /// A two-function composition fitted to a chain of two edges: <c>outer(inner(a*x+b))</c>, the outer fit
    /// <c>c*g(a2*u+b2)+d</c> carrying its own affine and R² on the chain's samples.
    /// </summary>
    internal readonly struct ChainChoice
    {
        public ChainChoice(LibraryFunction inner, double innerA, double innerB, SnapChoice outer)
        {
            Inner = inner;
            InnerA = innerA;
            InnerB = innerB;
            Outer = outer;
        }

        public LibraryFunction Inner { get; }

        public double InnerA { get; }

        public double InnerB { get; }

        public SnapChoice Outer { get; }

        public double R2 => Outer.R2;

        /// <summary>pykan's score with the complexities of both functions.</summary>
        public double Score => SnapChoice.ScoreOf(Inner.Complexity + Outer.Function.Complexity, R2);

        public override string ToString() => Outer.Function.Name + "(" + Inner.Name + ")";
    }
}
