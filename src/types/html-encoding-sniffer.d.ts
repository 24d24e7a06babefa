declare module 'html-encoding-sniffer' {
  /** The WHATWG encoding-sniffing algorithm: the encoding's name, or `defaultEncoding`. */
  export default function sniffHtmlEncoding(
    bytes: Uint8Array,
    options?: { xml?: boolean; transportLayerEncodingLabel?: string; defaultEncoding?: string },
  ): string;
}
