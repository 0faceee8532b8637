// Shared source: compiled into Kan.Runtime and Kan.Generator.
namespace Kan
{
    /// <summary>The residual function b(x) on every numeric edge, as pykan's <c>base_fun</c>.</summary>
    public enum BaseFunction
    {
        /// <summary><c>x / (1 + exp(-x))</c>, pykan's default (<c>torch.nn.SiLU</c>).</summary>
        Silu,

        /// <summary><c>x</c>.</summary>
        Identity,

        /// <summary><c>0</c>: the edge is a pure spline.</summary>
        Zero,
    }
}
