using System;

namespace Kan.Training.Symbolic
{
    /// <summary>
    /// An edge cannot be fitted because no row of the inputs gives it a finite input and output: an earlier layer
    /// makes them NaN or infinite (a symbolic edge such as log, sqrt or 1/x outside its domain).
    /// </summary>
    public sealed class NonFiniteActivationsException : InvalidOperationException
    {
        public NonFiniteActivationsException(int layer, int input, int subnode)
            : base("Edge (" + layer + "," + input + "," + subnode + ") has no finite activation on these inputs: an earlier layer makes them NaN or infinite " +
                   "(a symbolic edge such as log, sqrt or 1/x outside its domain). Fix or retrain that edge first, or train with singularity avoiding.")
        {
        }
    }
}
