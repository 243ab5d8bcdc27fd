using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace UnitPay.Functions.Tests.OpenApi;

/// <summary>One operation of the OpenAPI document: its id, method (upper case), path template and the path's matcher.</summary>
internal sealed record SpecOperation(string Id, string Method, string Path, Regex Pattern, JsonObject Node);
