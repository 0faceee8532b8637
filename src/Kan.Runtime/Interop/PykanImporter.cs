using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using Kan.Format;
using Kan.Format.Json;
using Kan.Interop.Pykan;

namespace Kan.Interop
{
    /// <summary>
    /// Converts pykan models into a <see cref="KanModel"/> that computes exactly what pykan's <c>model(x)</c>
    /// computes: a checkpoint written by pykan itself (<c>saveckpt</c>, <c>auto_save</c>; read without Python
    /// through <see cref="Torch.TorchFile"/>), or a <c>pykan-dump/1</c> JSON file (tools/export_pykan.py: the state
    /// dict plus config, and <c>input_id</c> for models whose inputs were pruned).
    /// </summary>
    public static class PykanImporter
    {
        public const string FormatName = "pykan-dump/1";

        private static readonly string[] TopFields =
            { "format", "note", "pykan_commit", "torch_version", "config", "input_id", "n_inputs_original", "state_dict", "samples", "formula", "test_rmse", "warnings" };

        /// <summary>Reads a <c>pykan-dump/1</c> JSON file.</summary>
        public static KanModel Read(string path) =>
            Parse(File.ReadAllText(path), path);

        /// <summary>
        /// Reads whatever <paramref name="path"/> names: a checkpoint prefix (<c>PATH_config.yml</c> + <c>PATH_state</c>),
        /// either of those files, an <c>auto_save</c> folder (newest version by <c>history.txt</c>, or
        /// <see cref="PykanImportOptions.Version"/>), or a <c>pykan-dump/1</c> JSON file.
        /// </summary>
        public static PykanImport Import(string path, PykanImportOptions? options = null)
        {
            options ??= new PykanImportOptions();
            if (PykanCheckpoint.FindPrefix(path, options.Version) is string prefix)
            {
                return PykanCheckpoint.Read(prefix, options);
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException("'" + path + "' does not exist (nor '" + path + PykanCheckpoint.ConfigSuffix + "')");
            }

            if (LooksLikeZip(path))
            {
                throw new Torch.TorchFormatException(path, "a torch file, but not one of pykan's checkpoint files (PREFIX_config.yml + PREFIX_state); " +
                                                           "an efficient-kan state dict imports with 'kan import-efficient-kan'");
            }

            if (!options.InputIds.IsDefaultOrEmpty || options.InputCount is not null)
            {
                throw new ArgumentException("--input-id and --input-count apply to checkpoints; a pykan-dump/1 file stores input_id itself");
            }

            KanModel model = Parse(File.ReadAllText(path, Encoding.UTF8), path);
            return new PykanImport(model, ImmutableArray.Create(path), ImmutableArray<string>.Empty);
        }

        /// <summary>Parses a <c>pykan-dump/1</c> JSON text.</summary>
        public static KanModel Parse(string text, string fileName = "<pykan>")
        {
            JsonValue root = JsonParser.Parse(text, fileName);
            var top = new JsonObjectReader(root, fileName, "the pykan dump", TopFields);
            top.RejectUnknown();
            JsonValue formatValue = top.Required("format");
            if (top.String(formatValue, "format") != FormatName)
            {
                throw top.Error(formatValue.Position, "unsupported format '" + formatValue.Text + "'; expected '" + FormatName + "'");
            }

            PykanConfig config = PykanConfig.Read(new JsonObjectReader(top.Required("config"), fileName, "config"));
            var sd = new JsonObjectReader(top.Required("state_dict"), fileName, "state_dict");

            int firstWidth = config.SumCounts[0] + config.MultCounts[0];
            int original = top.Optional("n_inputs_original") is JsonValue no ? top.Int(no, "n_inputs_original", 1, KanFileParser.MaxWidth) : firstWidth;
            var inputIds = ImmutableArray<int>.Empty;
            if (top.Optional("input_id") is JsonValue idValue)
            {
                var items = top.Array(idValue, "input_id", firstWidth, "(one column per first-layer input)");
                inputIds = items.Select(v => top.Int(v, "input_id", 0, original - 1)).ToImmutableArray();
            }
            else if (original != firstWidth)
            {
                throw top.Error(root.Position, "'input_id' is required when n_inputs_original differs from the first layer's width");
            }

            var metadata = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            metadata.Add(new KeyValuePair<string, string>("source", "pykan"));
            foreach (string key in new[] { "note", "pykan_commit", "formula" })
            {
                if (top.Optional(key) is JsonValue v && v.Kind == JsonKind.String)
                {
                    metadata.Add(new KeyValuePair<string, string>(key == "formula" ? "pykan_formula" : key, v.Text));
                }
            }

            Exception Error(string detail) => top.Error(root.Position, detail);
            return PykanModelBuilder.Build(config, (name, shape) => Tensor(sd, name, shape), inputIds, original, metadata.ToImmutable(), Error);
        }

        private static bool LooksLikeZip(string path)
        {
            using var s = File.OpenRead(path);
            return s.ReadByte() == 'P' && s.ReadByte() == 'K';
        }

        /// <summary>Reads <c>{"shape": [...], "data": [...]}</c>, checking the shape (-1: any) and that data fills it.</summary>
        private static ImmutableArray<double> Tensor(JsonObjectReader sd, string name, int[] shape)
        {
            JsonValue value = sd.Required(name);
            var t = new JsonObjectReader(value, sd.Error(value.Position, "").FileName, "tensor '" + name + "'", "shape", "data");
            t.RejectUnknown();
            JsonValue shapeValue = t.Required("shape");
            var dims = t.Array(shapeValue, name + ".shape", shape.Length, "(" + shape.Length + " dimensions)");
            long total = 1;
            for (int d = 0; d < shape.Length; d++)
            {
                int size = t.Int(dims[d], name + ".shape[" + d + "]", 0, KanFileParser.MaxKnots);
                if (shape[d] >= 0 && size != shape[d])
                {
                    throw t.Error(dims[d].Position, "'" + name + "' must have size " + shape[d] + " in dimension " + d + ", found " + size);
                }

                total *= size;
            }

            var data = t.Array(t.Required("data"), name + ".data", (int)Math.Min(total, int.MaxValue), "(the tensor flattened in row-major order)");
            var result = new double[data.Count];
            for (int i = 0; i < result.Length; i++)
            {
                result[i] = t.Double(data[i], name + ".data[" + i + "]");
            }

            return result.ToImmutableArray();
        }
    }
}
