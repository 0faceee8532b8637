using System;
using Kan.Symbolic;

namespace Kan.Training.Symbolic
{
    /// <summary>
    /// One function of a <see cref="SymbolicLibrary"/>: the shared definition (<see cref="SymbolicFunction"/>: value,
    /// derivative, complexity, templates) plus what training adds: the singularity-safe variant and whether a
    /// <c>.kan</c> v1 file can hold it.
    /// </summary>
    public sealed class LibraryFunction
    {
        internal LibraryFunction(SymbolicFunction function, bool isBuiltIn)
        {
            Function = function;
            IsBuiltIn = isBuiltIn;
            SafeVariant = isBuiltIn ? SingularitySafe.VariantName(function.Name) : null;
        }

        public SymbolicFunction Function { get; }

        public string Name => Function.Name;

        public int Complexity => Function.Complexity;

        /// <summary>True for pykan's <c>SYMBOLIC_LIB</c> names, the only ones <c>.kan</c> v1 files may use.</summary>
        public bool IsBuiltIn { get; }

        /// <summary>pykan's name of the singularity-safe variant (<c>f_inv</c>, <c>f_log</c>, ...) or null.</summary>
        public string? SafeVariant { get; }

        /// <summary>f(x) exactly as pykan's forward (no guard).</summary>
        public double Value(double x) => Function.Value(x);

        public double Derivative(double x) => Function.Derivative(x);

        /// <summary>
        /// The singularity-safe value and derivative (pykan's <c>singularity_avoiding=True</c> with threshold
        /// <paramref name="yTh"/>); functions without a safe variant return their plain value and derivative.
        /// </summary>
        public (double Value, double Derivative) SafeEvaluate(double x, double yTh)
        {
            SingularitySafe.Evaluate(Function, x, yTh, out double v, out double d);
            return (v, d);
        }

        public override string ToString() => Name;
    }
}
