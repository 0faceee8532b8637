using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Kan.Format;
using Kan.Format.Json;
using Kan.Interop.Torch;

namespace Kan.Interop.Pykan
{
    /// <summary>
    /// pykan's <c>saveckpt(PREFIX)</c> files, <c>PREFIX_config.yml</c> (YAML) and <c>PREFIX_state</c> (a torch
    /// state dict), and its <c>auto_save</c> folder of versions <c>&lt;round&gt;.&lt;id&gt;_*</c> with a <c>history.txt</c>.
    /// </summary>
    internal static class PykanCheckpoint
    {
        public const string ConfigSuffix = "_config.yml";
        public const string StateSuffix = "_state";
        public const string CacheSuffix = "_cache_data";

        private static readonly Regex Arrow = new Regex(@"=>\s*([0-9]+\.[0-9]+)\s*$", RegexOptions.CultureInvariant);
        private static readonly Regex RoundHeader = new Regex(@"^###\s*Round\s+([0-9]+)\s*###\s*$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The checkpoint prefix <paramref name="path"/> names: the prefix itself, either of its files, or an
        /// <c>auto_save</c> folder (its newest version, or <paramref name="version"/>); null when it names none.
        /// </summary>
        public static string? FindPrefix(string path, string? version)
        {
            if (Directory.Exists(path))
            {
                string chosen = version ?? NewestVersion(path);
                string prefix = Path.Combine(path, chosen);
                if (!File.Exists(prefix + ConfigSuffix))
                {
                    throw new FileNotFoundException("the pykan folder '" + path + "' has no version " + chosen + " ('" + prefix + ConfigSuffix + "' does not exist)");
                }

                return prefix;
            }

            foreach (string suffix in new[] { ConfigSuffix, StateSuffix, CacheSuffix })
            {
                if (path.EndsWith(suffix, StringComparison.Ordinal) && File.Exists(path))
                {
                    return path.Substring(0, path.Length - suffix.Length);
                }
            }

            return !File.Exists(path) && File.Exists(path + ConfigSuffix) ? path : null;
        }

        public static PykanImport Read(string prefix, PykanImportOptions options)
        {
            string configPath = prefix + ConfigSuffix;
            string statePath = prefix + StateSuffix;
            foreach (string p in new[] { configPath, statePath })
            {
                if (!File.Exists(p))
                {
                    throw new FileNotFoundException("the pykan checkpoint '" + prefix + "' needs '" + p + "', which does not exist");
                }
            }

            using var stateStream = File.OpenRead(statePath);
            return Read(File.ReadAllText(configPath, Encoding.UTF8), configPath, stateStream, statePath, options);
        }

        /// <summary>Reads a checkpoint from its config text and state stream; the paths are used in messages.</summary>
        public static PykanImport Read(string configText, string configPath, Stream stateStream, string statePath, PykanImportOptions options)
        {
            JsonValue root = YamlTree.Parse(configText, configPath);
            var reader = new JsonObjectReader(root, configPath, "the pykan config");
            PykanConfig config = PykanConfig.Read(reader);
            TorchStateDict state = TorchFile.ReadStateDict(stateStream, statePath);

            int firstWidth = config.SumCounts[0] + config.MultCounts[0];
            ImmutableArray<int> ids = options.InputIds;
            int original = options.InputCount ?? (ids.IsDefaultOrEmpty ? firstWidth : ids.Max() + 1);
            if (!ids.IsDefaultOrEmpty && ids.Length != firstWidth)
            {
                throw new ArgumentException("--input-id lists " + ids.Length + " column(s) but the model's first layer reads " + firstWidth);
            }

            if (ids.IsDefaultOrEmpty && original != firstWidth)
            {
                throw new ArgumentException("the model reads " + firstWidth + " input(s); give --input-id to say which of the " + original + " columns they are");
            }

            if (!ids.IsDefaultOrEmpty && ids.Any(i => i < 0 || i >= original))
            {
                throw new ArgumentException("--input-id values must be from 0 to " + (original - 1));
            }

            var notes = ImmutableArray.CreateBuilder<string>();
            var metadata = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
            metadata.Add(new KeyValuePair<string, string>("source", "pykan checkpoint " + Path.GetFileName(statePath)));
            if (state.WideningNote() is string note)
            {
                notes.Add(note);
                metadata.Add(new KeyValuePair<string, string>("note", note));
            }

            Exception Error(string detail) => new TorchFormatException(statePath, detail);
            KanModel model = PykanModelBuilder.Build(config, (name, shape) => ImportChecks.Finite(state.Values(name, shape), name, Error), ids, original, metadata.ToImmutable(), Error);
            return new PykanImport(model, ImmutableArray.Create(configPath, statePath), notes.ToImmutable());
        }

        /// <summary>The version the folder's <c>history.txt</c> ends at (after a rewind, the round's one saved version).</summary>
        private static string NewestVersion(string folder)
        {
            string history = Path.Combine(folder, "history.txt");
            if (!File.Exists(history))
            {
                throw new FileNotFoundException("'" + folder + "' is a folder without pykan's history.txt; pass a checkpoint prefix, its _config.yml or _state file, or --version");
            }

            string? newest = null;
            int? roundAfter = null;
            foreach (string line in File.ReadLines(history))
            {
                if (Arrow.Match(line) is { Success: true } m)
                {
                    newest = m.Groups[1].Value;
                    roundAfter = null;
                }
                else if (RoundHeader.Match(line) is { Success: true } r)
                {
                    roundAfter = int.Parse(r.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (roundAfter is int round)
            {
                // rewind() starts a round and saves '<round>.<id>' without logging an arrow to it.
                var saved = Directory.GetFiles(folder, round + ".*" + ConfigSuffix)
                    .Select(f => Path.GetFileName(f))
                    .Select(f => f.Substring(0, f.Length - ConfigSuffix.Length))
                    .Where(v => int.TryParse(v.Substring(v.IndexOf('.') + 1), out _))
                    .OrderBy(v => int.Parse(v.Substring(v.IndexOf('.') + 1), System.Globalization.CultureInfo.InvariantCulture))
                    .LastOrDefault();
                newest = saved ?? newest;
            }

            return newest ?? throw new FileNotFoundException("'" + history + "' names no model version");
        }
    }
}
