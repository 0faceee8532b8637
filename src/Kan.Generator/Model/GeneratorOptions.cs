namespace Kan.Generator.Model
{
    /// <summary>One model file as the pipeline sees it: its path, its text and its item metadata, nothing else.</summary>
    internal sealed record KanFileInput(string Path, string Text, KanFileOptions Options);

    /// <summary>The item-metadata values (null when not set); validated by the parser, not here.</summary>
    internal sealed record KanFileOptions(string? ClassName, string? Namespace, string? Accessibility, string? Precision, string? VectorBatch);

    /// <summary>Facts about the whole project, reduced to plain values so edits elsewhere do not invalidate them.</summary>
    internal sealed record ProjectFacts(string? RootNamespace, bool HasSpan, bool HasMathF, long TableModeThreshold);

    /// <summary>The project-wide MSBuild properties the generator reads.</summary>
    internal sealed record ProjectOptions(string? RootNamespace, long TableModeThreshold);

    /// <summary>Everything the emitter needs for one model: the model, the resolved names and settings, and its compile plan.</summary>
    internal sealed record ModelSpec(
        string FileName,
        string ClassName,
        string? Namespace,
        bool IsPublic,
        bool UseFloat,
        bool UseMathF,
        bool VectorBatch,
        bool HasSpan,
        KanModel Model,
        Planning.ModelPlan Plan);

    /// <summary>What the parser makes of one file: a spec to emit, diagnostics, or both (e.g. an info).</summary>
    internal sealed record ParseResult(string FilePath, ModelSpec? Spec, EquatableArray<Diagnostics.DiagnosticInfo> Diagnostics)
    {
        /// <summary>The generated type's full name, or null when nothing is generated.</summary>
        public string? TypeName => Spec is null ? null : (Spec.Namespace is null ? string.Empty : Spec.Namespace + ".") + Spec.ClassName;
    }
}
