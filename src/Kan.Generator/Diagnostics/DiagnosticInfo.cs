using Kan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Kan.Generator.Diagnostics
{
    /// <summary>
    /// A diagnostic as plain equatable data, so it can travel through the incremental pipeline and compare
    /// equal between runs (Location and Diagnostic hold trees and are not cache-friendly).
    /// </summary>
    internal sealed record DiagnosticInfo(
        DiagnosticDescriptor Descriptor,
        string? FilePath,
        TextSpan Span,
        LinePositionSpan LineSpan,
        EquatableArray<string> Arguments)
    {
        public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, string? filePath, params string[] arguments) =>
            new DiagnosticInfo(descriptor, filePath, default, default, new EquatableArray<string>(arguments));

        public Diagnostic ToDiagnostic()
        {
            Location location = FilePath is null ? Location.None : Location.Create(FilePath, Span, LineSpan);
            return Diagnostic.Create(Descriptor, location, Arguments.ToObjectArray());
        }
    }
}
