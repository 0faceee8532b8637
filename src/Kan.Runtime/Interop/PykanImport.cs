using System.Collections.Immutable;

namespace Kan.Interop
{
    /// <summary>What <see cref="PykanImporter.Import"/> read: the model, the files it came from and notes for the user.</summary>
    public sealed class PykanImport
    {
        public PykanImport(KanModel model, ImmutableArray<string> sources, ImmutableArray<string> notes)
        {
            Model = model;
            Sources = sources;
            Notes = notes;
        }

        public KanModel Model { get; }

        /// <summary>The files read, in order (one JSON dump, or a checkpoint's config and state).</summary>
        public ImmutableArray<string> Sources { get; }

        /// <summary>Things the user should know, such as float32 parameters having been widened to double.</summary>
        public ImmutableArray<string> Notes { get; }
    }

    /// <summary>What a pykan checkpoint does not store, supplied by the caller.</summary>
    public sealed class PykanImportOptions
    {
        /// <summary>
        /// pykan's <c>input_id</c>: which of the caller's columns each first-layer input reads (after
        /// <c>prune_input</c>). Checkpoints do not store it; empty means the identity.
        /// </summary>
        public ImmutableArray<int> InputIds { get; init; } = ImmutableArray<int>.Empty;

        /// <summary>How many columns the caller passes (pykan's original input count); by default one more than the largest input id.</summary>
        public int? InputCount { get; init; }

        /// <summary>In an <c>auto_save</c> folder, the version to read (such as <c>0.3</c>); by default the newest in <c>history.txt</c>.</summary>
        public string? Version { get; init; }
    }
}
