// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;

namespace Kan
{
    /// <summary>
    /// The <c>.kan</c> file's optional <c>generator</c> object: how the source generator should compile this model
    /// when no MSBuild item metadata says otherwise (the only way to set these in Unity). Values are kept as written;
    /// the generator validates them (KAN0002), the runtime only carries them so that rewriting a model keeps them.
    /// </summary>
    public sealed class GeneratorSettings : IEquatable<GeneratorSettings>
    {
        /// <summary>The JSON field names, in the order the writer emits them.</summary>
        public static readonly string[] FieldNames = { "class_name", "namespace", "accessibility", "precision", "vector_batch" };

        public GeneratorSettings(string? className = null, string? @namespace = null, string? accessibility = null, string? precision = null, bool? vectorBatch = null)
        {
            ClassName = className;
            Namespace = @namespace;
            Accessibility = accessibility;
            Precision = precision;
            VectorBatch = vectorBatch;
        }

        /// <summary><c>class_name</c>: the generated class (default: the file name in PascalCase).</summary>
        public string? ClassName { get; }

        /// <summary><c>namespace</c>: the generated class's namespace.</summary>
        public string? Namespace { get; }

        /// <summary><c>accessibility</c>: <c>public</c> or <c>internal</c>.</summary>
        public string? Accessibility { get; }

        /// <summary><c>precision</c>: <c>double</c> or <c>float</c>.</summary>
        public string? Precision { get; }

        /// <summary><c>vector_batch</c>: false keeps PredictBatch on the scalar code.</summary>
        public bool? VectorBatch { get; }

        public bool Equals(GeneratorSettings? other) =>
            other is not null && ClassName == other.ClassName && Namespace == other.Namespace &&
            Accessibility == other.Accessibility && Precision == other.Precision && VectorBatch == other.VectorBatch;

        public override bool Equals(object? obj) => Equals(obj as GeneratorSettings);

        public override int GetHashCode() => ((ClassName?.GetHashCode() ?? 0) * 31 + (Namespace?.GetHashCode() ?? 0)) * 31 + (Precision?.GetHashCode() ?? 0);
    }
}
