import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Header } from "./components/Header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Leakless — Python memory management by doing", template: "%s · Leakless" },
  description: "Fix leaky and cyclic Python code in your browser and learn how Python manages memory.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <Header />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
