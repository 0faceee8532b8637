using System;

namespace Kan.Generator.Emit
{
    /// <summary>A valid model the emitter cannot turn into code; reported as KAN0005.</summary>
    internal sealed class UncompilableModelException : Exception
    {
        public UncompilableModelException(string message)
            : base(message)
        {
        }
    }
}
