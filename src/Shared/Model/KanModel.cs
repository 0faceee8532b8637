// Shared source: compiled into Kan.Runtime and Kan.Generator.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Kan
{
    /// <summary>
    /// A trained KAN as data: immutable, structurally equatable, and exactly what a <c>.kan</c> v1 file holds.
    /// Training, the runtime evaluator and the generator all read this one type.
    /// </summary>
    public sealed class KanModel : IEquatable<KanModel>
    {
        public KanModel(
            ImmutableArray<string> inputNames,
            ImmutableArray<string> outputNames,
            ImmutableArray<int> inputIds,
            ImmutableArray<KanLayer> layers,
            ImmutableArray<KeyValuePair<string, string>> metadata = default,
            string? name = null,
            ImmutableArray<double> inputScale = default,
            ImmutableArray<double> inputBias = default,
            GeneratorSettings? generator = null)
        {
            if (layers.IsDefaultOrEmpty)
            {
                throw new ArgumentException("A KAN needs at least one layer.", nameof(layers));
            }

            InputNames = inputNames;
            OutputNames = outputNames;
            InputIds = inputIds.IsDefault ? ImmutableArray<int>.Empty : inputIds;
            Layers = layers;
            Metadata = metadata.IsDefault ? ImmutableArray<KeyValuePair<string, string>>.Empty : metadata;
            Name = name;
            InputScale = inputScale.IsDefault ? ImmutableArray<double>.Empty : inputScale;
            InputBias = inputBias.IsDefault ? ImmutableArray<double>.Empty : inputBias;
            Generator = generator;
            if (InputScale.Length != InputBias.Length || (!InputScale.IsEmpty && InputScale.Length != inputNames.Length))
            {
                throw new ArgumentException("Input normalisation needs one scale and one bias per input, or none.");
            }

            int firstWidth = InputIds.IsEmpty ? inputNames.Length : InputIds.Length;
            if (layers[0].InputCount != firstWidth)
            {
                throw new ArgumentException("The first layer reads " + layers[0].InputCount + " inputs but the model feeds it " + firstWidth + ".");
            }

            for (int l = 1; l < layers.Length; l++)
            {
                if (layers[l].InputCount != layers[l - 1].OutputCount)
                {
                    throw new ArgumentException("Layer " + l + " reads " + layers[l].InputCount + " inputs but layer " + (l - 1) + " gives " + layers[l - 1].OutputCount + ".");
                }
            }

            if (layers[layers.Length - 1].OutputCount != outputNames.Length)
            {
                throw new ArgumentException("The last layer gives " + layers[layers.Length - 1].OutputCount + " outputs but " + outputNames.Length + " output names are given.");
            }

            foreach (int id in InputIds)
            {
                if (id < 0 || id >= inputNames.Length)
                {
                    throw new ArgumentException("Input id " + id + " is outside the " + inputNames.Length + " inputs.");
                }
            }
        }

        /// <summary>Optional model name (used for the generated class when no other name is given).</summary>
        public string? Name { get; }

        /// <summary>Names of the caller's input columns; <see cref="InputCount"/> of them.</summary>
        public ImmutableArray<string> InputNames { get; }

        public ImmutableArray<string> OutputNames { get; }

        /// <summary>
        /// Which caller column each first-layer input reads (pykan's <c>input_id</c>); empty means the identity.
        /// Lets a model keep its caller's shape after inputs were pruned.
        /// </summary>
        public ImmutableArray<int> InputIds { get; }

        public ImmutableArray<KanLayer> Layers { get; }

        /// <summary>
        /// Optional input normalisation, per caller column: the model sees <c>InputScale[c]*x_c + InputBias[c]</c>.
        /// Empty when the model reads raw inputs (always so for pykan imports).
        /// </summary>
        public ImmutableArray<double> InputScale { get; }

        public ImmutableArray<double> InputBias { get; }

        public bool HasInputNormalization => !InputScale.IsEmpty;

        /// <summary>Free-form string pairs in file order, e.g. <c>formula</c> or how the model was trained.</summary>
        public ImmutableArray<KeyValuePair<string, string>> Metadata { get; }

        /// <summary>The file's <c>generator</c> object (how the source generator compiles it), or null.</summary>
        public GeneratorSettings? Generator { get; }

        public int InputCount => InputNames.Length;

        public int OutputCount => OutputNames.Length;

        /// <summary>pykan-style widths: the first layer's inputs, then every layer's outputs.</summary>
        public IReadOnlyList<int> Widths
        {
            get
            {
                var widths = new int[Layers.Length + 1];
                widths[0] = Layers[0].InputCount;
                for (int l = 0; l < Layers.Length; l++)
                {
                    widths[l + 1] = Layers[l].OutputCount;
                }

                return widths;
            }
        }

        /// <summary>The caller column that first-layer input <paramref name="i"/> reads.</summary>
        public int InputColumn(int i) => InputIds.IsEmpty ? i : InputIds[i];

        public string? GetMetadata(string key)
        {
            foreach (var pair in Metadata)
            {
                if (pair.Key == key)
                {
                    return pair.Value;
                }
            }

            return null;
        }

        public bool Equals(KanModel? other) =>
            other is not null && Name == other.Name &&
            SequenceEquality.Equal(InputNames, other.InputNames) && SequenceEquality.Equal(OutputNames, other.OutputNames) &&
            SequenceEquality.Equal(InputIds, other.InputIds) &&
            SequenceEquality.Equal(InputScale, other.InputScale) && SequenceEquality.Equal(InputBias, other.InputBias) && SequenceEquality.Equal(Layers, other.Layers) &&
            SequenceEquality.Equal(Metadata, other.Metadata) && Equals(Generator, other.Generator);

        public override bool Equals(object? obj) => Equals(obj as KanModel);

        public override int GetHashCode() => SequenceEquality.Hash(Layers) * 31 + SequenceEquality.Hash(InputNames);
    }
}
