/** Sony camera IP-setup codec (UDP 52380): inquiry, info reply, network setting, ACK/NAK. */
export * from './sony-ip-setup-codec';
