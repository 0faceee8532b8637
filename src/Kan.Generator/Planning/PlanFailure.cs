using System.Collections.Immutable;
using System.Linq;

namespace Kan.Generator.Planning
{
    /// <summary>
    /// Why no strategy can compile a model exactly, and which value of the file causes it, as a path into the file
    /// (member names and array indices: <c>layers[0].coef[1][2][3]</c>), so the diagnostic can point at that value.
    /// </summary>
    internal sealed class PlanFailure
    {
        public PlanFailure(string reason, params object[] path)
        {
            Reason = reason;
            Path = path.ToImmutableArray();
        }

        /// <summary>What is wrong with the value, e.g. "is not finite as a float".</summary>
        public string Reason { get; }

        /// <summary>Member names (strings) and array indices (ints), outermost first.</summary>
        public ImmutableArray<object> Path { get; }

        public string Message =>
            string.Concat(Path.Select((step, n) => step is int i ? "[" + i + "]" : (n == 0 ? "" : ".") + step)) + " " + Reason;
    }
}
