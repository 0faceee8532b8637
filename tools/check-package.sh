#!/usr/bin/env bash
# Packs Kan.Generator, checks the package layout, and consumes it through a local folder feed from a fresh console
# project and from a Godot-shaped C# project (tests/Kan.Generator.Tests/Package/Godot, the docs/game-engines.md
# recipe) that the console project calls: each project's .kan files must turn into classes that run.
# Run by Kan.Generator.Tests (PackageTests).
# Usage: tools/check-package.sh [work-dir]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
feed="$work/feed" app="$work/app" godot="$work/godot" packages="$work/packages"
rm -rf "$feed" "$app" "$godot" "$packages"
mkdir -p "$feed" "$app" "$godot"

dotnet pack "$repo/src/Kan.Generator/Kan.Generator.csproj" -c Release -o "$feed" -nologo -v quiet
nupkg="$(ls "$feed"/Kan.Generator.*.nupkg | head -n 1)"
version="$(basename "$nupkg" .nupkg)"; version="${version#Kan.Generator.}"

listing="$(unzip -Z1 "$nupkg")"
for entry in analyzers/dotnet/cs/Kan.Generator.dll build/Kan.Generator.props buildTransitive/Kan.Generator.props; do
  grep -qx "$entry" <<<"$listing" || { echo "FAIL: package lacks $entry"; exit 1; }
done
if grep -q '^lib/' <<<"$listing"; then echo "FAIL: package has a lib/ folder"; exit 1; fi
if unzip -p "$nupkg" Kan.Generator.nuspec | grep -q '<dependency '; then echo "FAIL: package declares dependencies"; exit 1; fi

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
  </packageSources>
</configuration>
XML
cat > "$app/App.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RootNamespace>PackageCheck</RootNamespace>
    <Nullable>enable</Nullable>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Kan.Generator" Version="$version" PrivateAssets="all" />
  </ItemGroup>
  <ItemGroup>
    <AdditionalFiles Update="Models/drag.kan" KanClassName="DragModel" KanPrecision="float" />
  </ItemGroup>
  <ItemGroup>
    <ProjectReference Include="../godot/KanGodot.csproj" />
  </ItemGroup>
</Project>
XML
# These Directory.*.props stop the repository's (or any parent's) settings leaking into the fresh projects, and give
# them a package folder of their own, so no older Kan.Generator from the machine's cache can stand in.
echo "<Project><PropertyGroup><RestorePackagesPath>$packages</RestorePackagesPath></PropertyGroup></Project>" > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Packages.props"

template="$repo/tests/Kan.Generator.Tests/Package/Godot"
sed "s/@VERSION@/$version/" "$template/KanGodot.csproj.template" > "$godot/KanGodot.csproj"
cp "$template/project.godot" "$template/Steering.cs" "$template/GodotStandIns.cs" "$godot/"
mkdir -p "$godot/Models"
cp "$repo/samples/GameLoop/Models/drag.kan" "$godot/Models/drag.kan"
mkdir -p "$app/Models"
cp "$repo/benchmarks/Kan.Benchmarks/Models/toy_spline.kan" "$app/Models/ball_drag.kan"
cp "$repo/benchmarks/Kan.Benchmarks/Models/toy_symbolic.kan" "$app/Models/drag.kan"
cat > "$app/Program.cs" <<'CS'
using System;
using System.Globalization;

double spline = PackageCheck.BallDrag.Predict(0.25, -0.5);
float symbolic = PackageCheck.DragModel.Predict(0.25f, -0.5f);

// The Godot-shaped node: one second of physics frames, driven by its generated KanGodot.Drag.
var node = new KanGodot.Steering { Position = new Godot.Vector3(0f, 1f, 0f) };
for (int frame = 0; frame < 60; frame++)
{
    node._PhysicsProcess(1.0 / 60.0);
}

float x = node.Position.X;
Console.WriteLine(spline.ToString("R", CultureInfo.InvariantCulture) + " " + symbolic.ToString("R", CultureInfo.InvariantCulture) +
    "; Godot node at x=" + x.ToString("R", CultureInfo.InvariantCulture));
return double.IsFinite(spline) && float.IsFinite(symbolic) && x > 0.5f && x < 1.5f ? 0 : 1;
CS

output="$(dotnet run --project "$app/App.csproj" -nologo -v quiet)"
echo "package $version OK: BallDrag/DragModel predict $output"
