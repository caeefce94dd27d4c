using System.Security.Cryptography;
using Finsam.ServiceDefaults.Hosting;
using Finsam.Transparency;
using Microsoft.Extensions.Options;

namespace Finsam.Witness.Cosigning;

/// <summary>
/// The witness's Ed25519 cosigning key (<c>Finsam:Witness:SigningKey</c>, Go's <c>PRIVATE+KEY+…</c> form); its cosignatures are
/// type 0x04 (c2sp.org/tlog-cosignature). Without it, the key is made on first start and kept as <c>witness-key</c> in the
/// data folder.
/// </summary>
public sealed partial class WitnessKey
{
    public WitnessKey(IConfiguration configuration, IOptions<WitnessOptions> options, ILogger<WitnessKey> logger)
    {
        var text = KeptSecrets.ConfiguredOrKept(configuration, "Finsam:Witness:SigningKey", "witness-key",
            () => NoteSigner.PrivateKeyText(options.Value.Name, RandomNumberGenerator.GetBytes(32)), file => LogKeyCreated(logger, file));
        Signer = NoteSigner.Parse(text, NoteVerifierKey.CosignatureType);
        if (Signer.Verifier.Name != options.Value.Name)
        {
            throw new InvalidOperationException($"The witness key is named '{Signer.Verifier.Name}', not '{options.Value.Name}' (Finsam:Witness:Name).");
        }
    }

    public NoteSigner Signer { get; }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created a witness key at {File}; a real deployment configures Finsam:Witness:SigningKey")]
    private static partial void LogKeyCreated(ILogger logger, string file);
}
