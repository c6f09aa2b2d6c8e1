import Foundation

extension RawHTTP {
    /// Posts a form body (`application/x-www-form-urlencoded`) with the headers given.
    func post(_ target: String, body: String, host: String? = nil, headers: [String] = []) async throws -> Response {
        let port = self.port
        return try await offload {
            let fd = try Self.connect(port: port)
            defer { close(fd) }
            let head = ["POST \(target) HTTP/1.1", "Host: \(host ?? "127.0.0.1:\(port)")", "Connection: close",
                        "Content-Type: application/x-www-form-urlencoded", "Content-Length: \(body.utf8.count)"] + headers
            try Self.send(fd, head.joined(separator: "\r\n") + "\r\n\r\n" + body)
            var data: [UInt8] = []
            let deadline = Date().addingTimeInterval(20)
            while Date() < deadline {
                guard let chunk = Self.receive(fd, timeout: 0.2) else { break }
                data += chunk
            }
            return try Self.parse(data, method: "POST")
        }
    }
}

/// A form's fields, encoded as a browser posts them.
func formBody(_ fields: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
}
