import Crypto
import FleetCore
import Foundation

extension AWSCredentialChain {
    /// An IAM Identity Center (SSO) profile
    /// (https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-sso.html,
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html): `sso_account_id`,
    /// `sso_role_name`, and either `sso_session = NAME` (with `[sso-session NAME]` holding
    /// `sso_start_url` and `sso_region`) or the legacy `sso_start_url` + `sso_region` in the profile.
    /// The access token is the one `aws sso login` cached in `~/.aws/sso/cache/HASH.json`
    /// (`accessToken`, `expiresAt`), HASH the SHA-1 (hex) of the session name, or of the start URL
    /// for a legacy profile: the guides name the folder but not the file name, which is the SDKs'
    /// rule (botocore's `SSOTokenLoader`, the JS SDK's `getSSOTokenFilepath`). It is exchanged at
    /// the access portal's GetRoleCredentials
    /// (https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html),
    /// `https://portal.sso.REGION.amazonaws.com` or `AWS_ENDPOINT_URL_SSO`. fleetwatch does not
    /// refresh the token itself: an expired one asks for `aws sso login --profile NAME`.
    func ssoCredentials(profile: String, settings: [String: String], files: AWSProfileFiles) async throws -> AWSCredentials {
        let login = "run `aws sso login --profile \(profile)`"
        @Sendable func fail(_ detail: String) -> AWSAPIError { .credentialSource(profile: profile, detail: detail) }
        let cacheName: String, startURL: String, ssoRegion: String
        if let session = settings["sso_session"] {
            guard let section = files.ssoSession(session) else { throw fail("sso_session '\(session)' has no [sso-session \(session)] section in \(configFile)") }
            guard let url = section["sso_start_url"], let region = section["sso_region"] else {
                throw fail("[sso-session \(session)] needs sso_start_url and sso_region")
            }
            cacheName = session
            startURL = url
            ssoRegion = region
        } else {
            guard let url = settings["sso_start_url"], let region = settings["sso_region"] else {
                throw fail("an SSO profile needs sso_session, or sso_start_url and sso_region")
            }
            cacheName = url
            startURL = url
            ssoRegion = region
        }
        guard let account = settings["sso_account_id"], let role = settings["sso_role_name"] else {
            throw fail("an SSO profile needs sso_account_id and sso_role_name")
        }
        let endpoint = try endpointFromEnvironment("AWS_ENDPOINT_URL_SSO", profile: profile)?.description
            ?? "https://portal.sso.\(ssoRegion).amazonaws.com"
        let key = "sso|\(homeDirectory)|\(startURL)|\(account)|\(role)|\(endpoint)"
        return try await cache.credentials(for: key, now: now()) {
            let tokenFile = self.homeDirectory + "/.aws/sso/cache/" + Self.ssoCacheFileName(cacheName)
            let token = try Self.ssoToken(file: tokenFile, now: self.now(), fail: { fail("\($0): \(login)") })
            let url = "\(endpoint)/federation/credentials?account_id=\(SigV4Signer.uriEncode(account))&role_name=\(SigV4Signer.uriEncode(role))"
            let response: AWSHTTPResponse
            do {
                response = try await self.transport.send(AWSHTTPRequest(method: "GET", url: url,
                                                                        headers: [("x-amz-sso_bearer_token", token)], body: []))
            } catch {
                throw fail("cannot reach the SSO portal \(endpoint) (\(AWSTransportFailure.classify(error).reason))")
            }
            switch response.status {
            case 200: return try Self.roleCredentials(response.body, account: account, role: role, fail: fail)
            case 401: throw fail("the SSO portal refused the cached token (expired or signed out): \(login)")
            default:
                let reply = AWSErrorReply.parse(status: response.status, headers: response.headers, body: response.body)
                throw fail("GetRoleCredentials for \(SafeText.line(role)) in \(SafeText.line(account)) failed (HTTP \(reply.status) \(SafeText.line(reply.code)))")
            }
        }
    }

    /// `<sha1 hex of name>.json`: the file name `aws sso login` caches a token under.
    static func ssoCacheFileName(_ name: String) -> String {
        Insecure.SHA1.hash(data: Data(name.utf8)).map { String(format: "%02x", $0) }.joined() + ".json"
    }

    /// The cached access token, when present and not expired (`accessToken`, `expiresAt`).
    static func ssoToken(file: String, now: Date, fail: (String) -> AWSAPIError) throws -> String {
        guard let data = FileManager.default.contents(atPath: file) else { throw fail("no cached SSO login (\(file))") }
        guard data.count < 1 << 20, let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let token = object["accessToken"] as? String, !token.isEmpty,
              let expires = (object["expiresAt"] as? String).flatMap(ISOTime.parse) else {
            throw fail("the cached SSO login \(file) has no accessToken/expiresAt")
        }
        guard expires > now else { throw fail("the SSO login expired at \(ISOTime.string(expires))") }
        return token
    }

    /// `{"roleCredentials": {"accessKeyId", "secretAccessKey", "sessionToken", "expiration" (epoch ms)}}`.
    static func roleCredentials(_ body: [UInt8], account: String, role: String,
                                fail: (String) -> AWSAPIError) throws -> AWSCredentials {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let c = object["roleCredentials"] as? [String: Any],
              let id = c["accessKeyId"] as? String, !id.isEmpty,
              let secret = c["secretAccessKey"] as? String, !secret.isEmpty,
              let millis = (c["expiration"] as? NSNumber)?.doubleValue else {
            throw fail("GetRoleCredentials answered without roleCredentials (accessKeyId, secretAccessKey, expiration)")
        }
        let token = (c["sessionToken"] as? String).flatMap { $0.isEmpty ? nil : $0 }
        return AWSCredentials(accessKeyId: id, secretAccessKey: secret, sessionToken: token,
                              expiration: Date(timeIntervalSince1970: millis / 1000),
                              origin: "SSO \(SafeText.line(role)) in \(SafeText.line(account))")
    }
}
